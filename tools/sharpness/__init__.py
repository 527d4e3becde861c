"""How sharp the suite is: coverage of the reference runtime and of the
oracle, and mutation testing of the reference runtime. Standard library only,
apart from coverage.py for the oracle's measure."""
