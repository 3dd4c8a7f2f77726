"""`make bench`: a synthetic multilingual data set served by gunicorn and measured page by
page against a floor view. Run `python -m bench --help`."""
