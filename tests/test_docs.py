"""The README documents every command, report, page and indicator the project has."""

import re

from giamngheo import catalogue, cli, reports
from giamngheo.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented():
    for command in cli.COMMANDS:
        assert f"giamngheo {command}" in README, command


def test_every_report_is_documented():
    for name in reports.REPORTS:
        assert re.search(rf"^\| {name} \|", README, re.M), name


def test_every_page_is_documented():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    for page in re.findall(r'st\.Page\("pages/(\w+)\.py"', app):
        assert f"`pages/{page}.py`" in README, page


def test_every_indicator_is_documented():
    for standard in catalogue.standards():
        for indicator in catalogue.indicators(standard):
            assert indicator.flag in README, indicator.flag
