"""A malformed scenario is an error naming the file and the field."""

import pytest

from conftest import toml_text
from tower_conform.normalize import normalize

GOOD = toml_text("t1-good")

BAD = [
    ("unknown key", GOOD + 'colour = "red"\n', "field 'colour': unknown key"),
    ("wrong type", GOOD.replace("timeout = 5", 'timeout = "5"'), "field 'timeout': expected"),
    ("bool is not a number", GOOD.replace("timeout = 5", "timeout = true"), "field 'timeout'"),
    ("missing key", GOOD.replace('title = "test scenario t1-good"\n', ""),
     "field 'title': missing"),
    ("id differs from file name", GOOD.replace('id = "t1-good"', 'id = "t1-other"'), "field 'id'"),
    ("tier differs from folder", GOOD.replace("tier = 1", "tier = 2"), "field 'tier'"),
    ("unknown normalisation", GOOD + 'normalize = ["ctime", "colour"]\n',
     "field 'normalize[1]': unknown normalisation 'colour'"),
    ("bad profile", GOOD.replace('"spec"', '"posix"'), "field 'profile'"),
    ("no rules", GOOD.replace('["R1.1"]', "[]"), "field 'rules'"),
    ("bad rewrite regex", GOOD + '[[rewrite]]\npattern = "("\nreplace = "x"\n',
     "field 'rewrite[0].pattern': bad regular expression"),
    ("bad ready regex", GOOD + '[peer]\nready = "(["\nsteps = [{ connect = "tcp" }]\n',
     "field 'peer.ready': bad regular expression"),
    ("unknown step", GOOD + '[peer]\nready = "x"\nsteps = [{ connect = "tcp" }, { jump = 1 }]\n',
     "field 'peer.steps[1].jump': unknown key"),
    ("send before connect", GOOD + '[peer]\nready = "x"\nsteps = [{ send = "hi" }]\n',
     "field 'peer.steps[0].send': no connection is open"),
    ("bad signal", GOOD + '[peer]\nready = "x"\nsteps = [{ signal = "SIGNOPE" }]\n',
     "field 'peer.steps[0].signal': unknown signal"),
    ("two actions", GOOD + '[peer]\nready = "x"\nsteps = [{ connect = "tcp", close = true }]\n',
     "field 'peer.steps[0]': needs exactly one action"),
    ("conn not open", GOOD + '[peer]\nready = "x"\nsteps = [{ connect = "tcp" },'
     ' { send = "a", conn = 2 }]\n', "field 'peer.steps[1].conn'"),
    ("bad hex", GOOD + '[peer]\nready = "x"\nsteps = [{ connect = "tcp" }, { send_hex = "zz" }]\n',
     "field 'peer.steps[1].send_hex': bad hex"),
    ("bad port", GOOD + '[peer]\nport = "any"\nready = "x"\nsteps = [{ connect = "tcp" }]\n',
     "field 'peer.port'"),
    ("not TOML", "id = \n", "cannot parse TOML"),
    ("peer program missing", GOOD + '[peer]\nready = "x"\nprogram = "t1-good.peer.py"\n',
     "field 'peer.program': no peer program t1-good.peer.py"),
    ("peer program misnamed", GOOD + '[peer]\nready = "x"\nprogram = "client.py"\n',
     "field 'peer.program': 'client.py' is not a file name ending in .peer.py"),
    ("steps and a program", GOOD + '[peer]\nready = "x"\nprogram = "t1-good.peer.py"\n'
     'steps = [{ connect = "tcp" }]\n', "field 'peer.steps': a peer is either steps or a program"),
    ("server peer of steps", GOOD + '[peer]\nready = "x"\nrole = "server"\n'
     'steps = [{ connect = "tcp" }]\n', "field 'peer.role': a server peer is a program"),
    ("bad role", GOOD + '[peer]\nready = "x"\nrole = "judge"\nsteps = [{ connect = "tcp" }]\n',
     "field 'peer.role': 'judge' is not one of client, server"),
]


@pytest.mark.parametrize("name,text,message", BAD, ids=[b[0] for b in BAD])
def test_malformed_scenario_names_file_and_field(suite, conform, name, text, message):
    suite.add("t1-good", toml=text, golden="hello\n")
    for command in (["check"], ["list"], ["run", "--impl", "asyncio"]):
        status, out, err = conform(*command, *suite.args())
        assert status == 2, (command, out, err)
        assert "t1/t1-good.toml" in err and message in err, err


def test_every_problem_is_listed_at_once(suite, conform):
    suite.add("t1-good", toml=GOOD.replace("timeout = 5", 'timeout = "5"') + "extra = 1\n")
    status, _, err = conform("check", *suite.args())
    assert status == 2
    assert "field 'timeout'" in err and "field 'extra'" in err


def test_edition_without_definition(suite, conform):
    (suite.suite / "t2").mkdir()
    (suite.suite / "t2" / "t2-lonely.py").write_text("print(1)\n")
    status, _, err = conform("check", *suite.args())
    assert status == 2 and "t2-lonely.py" in err and "without a scenario definition" in err


def test_definition_without_edition(suite, conform):
    suite.add("t1-good", golden="hello\n")
    (suite.suite / "t1" / "t1-good.py").unlink()
    status, _, err = conform("check", *suite.args())
    assert status == 2 and "t1-good.toml" in err and "no Python edition" in err


def test_list_and_selection(suite, conform):
    suite.add("t1-alpha")
    suite.add("t2-beta", toml=toml_text("t2-beta").replace('"spec"', '"cpython"'))
    status, out, _ = conform("list", *suite.args())
    assert status == 0
    assert out.splitlines() == ["t1-alpha\tt1\tspec\ttest scenario t1-alpha",
                                "t2-beta\tt2\tcpython\ttest scenario t2-beta"]
    assert conform("list", "--tier", "2", *suite.args())[1].startswith("t2-beta")
    assert conform("list", "-k", "alph", *suite.args())[1].startswith("t1-alpha")
    assert conform("list", "-k", "t?-b*", *suite.args())[1].startswith("t2-beta")
    assert conform("list", "--profile", "cpython", *suite.args())[1].startswith("t2-beta")


def test_normalisations():
    out = normalize(b"Serving on ('127.0.0.1', 8888) 127.0.0.1:5555 <X at 0x7f3a2c1b5e50> 0x10\n"
                    b"Sun Oct 29 12:00:00 2023\xff\n", ["port", "addr", "ctime"])
    assert out == (b"Serving on ('127.0.0.1', <PORT>) 127.0.0.1:<PORT> <X at <ADDR>> 0x10\n"
                   b"<CTIME>\xff\n")
    assert normalize(b"b\nc\na\n", ["sort-lines"]) == b"a\nb\nc\n"
    import re
    assert normalize(b"took 12ms\n", [], [(re.compile(r"\d+ms"), "<MS>")]) == b"took <MS>\n"
