"""The pages `make bench` measures. Add a page by adding a Scenario: a name and a path,
which may name records of the data set ({network}, {body}, {organization}, {practice},
{resource}, {module}, {event}, {event_network}, {event_month}, {workplan}: see
dataset.targets)."""

from bench.load import Scenario
from bench.search import SCENARIOS as SEARCH_SCENARIOS
from bench.workplans import SCENARIOS as WORKPLAN_SCENARIOS

# The floor: the cheapest Django view that reads one row. Every page's throughput is
# reported as a ratio to this one (mounted only with SERVER_TIMING=1).
FLOOR = Scenario("floor", "/bench/floor")

SCENARIOS: list[Scenario] = [
    Scenario("home", "/en/"),
    Scenario("directory", "/en/network/"),
    Scenario("directory filtered", "/en/network/?country=BR&kind=municipality"),
    Scenario("network home", "/es/network/{network}/"),
    Scenario("body", "/pt-br/network/{network}/{body}/"),
    Scenario("organization", "/en/network/organizations/{organization}/"),
    Scenario("directory deep page", "/en/network/?page=500"),
    Scenario("practices", "/en/practices/"),
    Scenario("practices faceted", "/pt-br/practices/?theme=digital&country=BR&sort=title"),
    Scenario("practices by SDG", "/es/practices/?sdg=11&language=es&stage=scaled"),
    Scenario("practices deep page", "/en/practices/?page=400"),
    Scenario("practice", "/es/practices/{practice}/"),
    Scenario("practices feed", "/en/practices/feed/?theme=participation"),
    Scenario("library", "/en/library/"),
    Scenario("library kind+theme", "/es/library/?kind=guide&theme=digital"),
    Scenario("library by language", "/pt-br/library/?language=en"),
    Scenario("library by year", "/en/library/?year=2021"),
    Scenario("library sorted by year", "/en/library/?sort=year"),
    Scenario("library deep page", "/en/library/?page=500"),
    Scenario("library document", "/es/library/{resource}/"),
    Scenario("library training module", "/en/library/{module}/"),
    Scenario("events", "/en/events/"),
    Scenario("events past", "/es/events/?when=past"),
    Scenario("events filtered", "/es/events/?kind=seminar&country=BR&language=es"),
    Scenario("events month", "/en/events/?view=month&month={event_month}"),
    Scenario("event", "/es/events/{event}/"),
    Scenario("event programme", "/en/events/{event}/programme/"),
    Scenario("event registration form", "/pt-br/events/{event}/register/"),
    Scenario("event ics", "/en/events/{event}/calendar.ics"),
    # A network's feed, what a member city subscribes to; then every public event.
    Scenario("events calendar.ics", "/en/events/calendar.ics?network={event_network}"),
    Scenario("events calendar.ics all", "/en/events/calendar.ics"),
    # The plan page with 200 activities (bench/workplans.py): fixed SQL whatever their number.
    *WORKPLAN_SCENARIOS,
    Scenario("healthz", "/healthz"),
    # The search's fixed query mix (bench/search.py), budget p95 50 ms (DESIGN.md).
    *SEARCH_SCENARIOS,
]
