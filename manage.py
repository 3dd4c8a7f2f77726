#!/usr/bin/env python
from intercambio.__main__ import main

if __name__ == "__main__":
    main()
