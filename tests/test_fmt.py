"""Vietnamese number formatting, as the letters write numbers."""

from giamngheo import fmt


def test_counts():
    assert fmt.count(1118) == "1.118"
    assert fmt.count(110300) == "110.300"
    assert fmt.count(1118, "en") == "1,118"


def test_percentages():
    assert fmt.pct(1.013599) == "1,01%"
    assert fmt.pct(54.5617, 1) == "54,6%"
    assert fmt.pct(24.955, 1) == "25,0%"
    assert fmt.pct(54.5617, 1, "en") == "54.6%"
    assert fmt.pct(float("nan")) == "–"


def test_points():
    assert fmt.pp(-1.048063) == "−1,05 điểm %"
    assert fmt.pp(0.2) == "+0,20 điểm %"
    assert fmt.pp(-0.467, lang="en") == "−0.47 pp"
    assert fmt.pp(None) == "–"
