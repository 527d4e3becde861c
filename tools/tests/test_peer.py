"""The peer program, against small Python server editions run by the oracle."""

import random
import re
import socket

from tower_conform import ports

from conftest import toml_text

ECHO_SERVER = """\
import asyncio, os

async def main():
    done = asyncio.Event()

    async def handle(reader, writer):
        data = await reader.read(100)
        print("got", data.decode())
        writer.write(data)
        await writer.drain()
        print("eof", await reader.read(100) == b"")
        writer.close()
        await writer.wait_closed()
        done.set()

    server = await asyncio.start_server(handle, "127.0.0.1", int(os.environ["TOWER_PORT"]))
    print("Serving on", server.sockets[0].getsockname())
    async with server:
        await done.wait()
    print("done")

asyncio.run(main())
"""

ECHO_GOLDEN = "Serving on ('127.0.0.1', <PORT>)\ngot ping\neof True\ndone\n"


def peer_toml(id_, steps, port='"assigned"', ready="Serving on", timeout=10):
    return toml_text(id_, timeout=timeout, extra=f"""\
        normalize = ["port"]

        [peer]
        port = {port}
        ready = "{ready}"
        steps = [
        {steps}
        ]
        """)


ECHO_STEPS = """\
  { connect = "tcp" },
  { send = "ping" },
  { expect = "ping" },
  { shutdown = "write" },
  { expect_eof = true },
  { close = true },"""


def test_peer_plays_against_an_echo_server(suite, conform):
    suite.add("t9-echo", ECHO_SERVER, toml=peer_toml("t9-echo", ECHO_STEPS), golden=ECHO_GOLDEN)
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 0, out


def test_peer_mismatch_is_a_failure_with_evidence(suite, conform):
    steps = ECHO_STEPS.replace('{ expect = "ping" }', '{ expect = "pong" }')
    suite.add("t9-echo", ECHO_SERVER, toml=peer_toml("t9-echo", steps), golden=ECHO_GOLDEN)
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 1
    assert re.search(r"^FAIL +t9-echo .*peer step 2 \(expect\).*expected b'pong', got b'ping'",
                     out, re.M), out
    assert "Serving on" in out                     # the output so far is shown


def test_ready_line_never_printed(suite, conform):
    suite.add("t9-quiet", "print('nothing here')\n",
              toml=peer_toml("t9-quiet", '  { connect = "tcp" },'), golden="x\n")
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 1
    assert re.search(r"^FAIL +t9-quiet .*never printed the ready line", out, re.M)


def test_signal_stops_a_server_and_the_signal_status_is_compared(suite, conform):
    edition = "import time\nprint('ready')\ntime.sleep(60)\n"
    steps = '  { sleep_until_output = "ready" },\n  { signal = "SIGINT" },'
    suite.add("t8-forever", edition, toml=peer_toml("t8-forever", steps, ready="ready"),
              golden="ready\n", status=-2)
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 0, out
    suite.set_golden("t8-forever", "ready\n", status=0)
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 1
    assert re.search(r"^CRASH +t8-forever .*killed by SIGINT", out, re.M)


FIXED_SERVER = """\
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", {port}))
s.listen()
print("ready", flush=True)
conn, _ = s.accept()
while conn.recv(100):
    pass
print("served")
"""


def free_port_below_ephemeral_range():
    # A port in the ephemeral range may be taken at any moment by an outgoing
    # connection of anything else running on the machine.
    for _ in range(100):
        port = random.randrange(*ports.ASSIGNED_RANGE)
        if ports._bindable(port, [(socket.AF_INET, "127.0.0.1")]):
            return port
    raise RuntimeError("no free port below the ephemeral range")


def test_fixed_ports_are_serialised(suite, conform):
    port = free_port_below_ephemeral_range()
    steps = '  { connect = "tcp" },\n  { close = true },'
    for i in range(3):
        id_ = f"t8-fixed-{i}"
        suite.add(id_, FIXED_SERVER.format(port=port),
                  toml=peer_toml(id_, steps, port=port, ready="ready"), golden="ready\nserved\n")
    status, out, _ = conform("run", "--impl", "asyncio", "-j", "3", *suite.args())
    assert status == 0, out


# A peer program: a Python asyncio program beside the scenario that plays the
# other end, under the oracle's interpreter; its lines follow the edition's.
LINE_SERVER = """\
import asyncio, os

async def main():
    done = asyncio.Event()

    async def handle(reader, writer):
        line = await reader.readline()
        print("server got", line.decode().strip())
        writer.write(line.upper())
        await writer.drain()
        writer.close()
        await writer.wait_closed()
        done.set()

    server = await asyncio.start_server(handle, "127.0.0.1", int(os.environ["TOWER_PORT"]))
    print("listening")
    async with server:
        await done.wait()

asyncio.run(main())
"""

LINE_CLIENT = """\
import asyncio, os

async def main():
    reader, writer = await asyncio.open_connection("127.0.0.1", int(os.environ["TOWER_PORT"]))
    writer.write(b"ping\\n")
    print("client got", (await reader.read()).decode().strip())
    writer.close()
    await writer.wait_closed()

asyncio.run(main())
"""


def program_toml(id_, role, ready):
    return toml_text(id_, timeout=10, extra=f"""\
        [peer]
        role = "{role}"
        ready = "{ready}"
        program = "{id_}.peer.py"
        """)


def test_a_client_program_plays_against_a_server_edition(suite, conform):
    folder = suite.add("t9-served", LINE_SERVER, toml=program_toml("t9-served", "client", "listening"),
                       golden="listening\nserver got ping\npeer: client got PING\n")
    (folder / "t9-served.peer.py").write_text(LINE_CLIENT)
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 0, out


def test_a_server_program_starts_first_and_the_edition_connects(suite, conform):
    folder = suite.add("t9-client", LINE_CLIENT, toml=program_toml("t9-client", "server", "listening"),
                       golden="client got PING\npeer: listening\npeer: server got ping\n")
    (folder / "t9-client.peer.py").write_text(LINE_SERVER)
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 0, out


def test_a_failing_program_fails_the_scenario_with_its_stderr(suite, conform):
    folder = suite.add("t9-served", LINE_SERVER, toml=program_toml("t9-served", "client", "listening"),
                       golden="listening\nserver got ping\npeer: client got PING\n")
    (folder / "t9-served.peer.py").write_text(
        LINE_CLIENT.replace('    print("client got"', '    assert False, "the echo is wrong"\n'
                            '    print("client got"'))
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 1
    assert re.search(r"^FAIL +t9-served .*peer program t9-served.peer.py failed \(exit status 1\)",
                     out, re.M), out
    assert "the echo is wrong" in out, out


def test_a_server_program_that_never_listens(suite, conform):
    folder = suite.add("t9-client", LINE_CLIENT, toml=program_toml("t9-client", "server", "listening"),
                       golden="x\n")
    (folder / "t9-client.peer.py").write_text("print('not today')\n")
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 1
    assert re.search(r"^FAIL +t9-client .*the peer program never printed the ready line", out, re.M)


def test_a_peer_program_no_scenario_names_is_an_error(suite, conform):
    folder = suite.add("t9-alone", golden="hello\n")
    (folder / "t9-stray.peer.py").write_text(LINE_CLIENT)
    status, _, err = conform("check", *suite.args())
    assert status == 2
    assert "t9/t9-stray.peer.py: file: a peer program that no scenario's peer.program names" in err


TLS_ECHO_SERVER = """\
import asyncio, os, ssl

async def main():
    done = asyncio.Event()
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")

    async def handle(reader, writer):
        data = await reader.read(100)
        print("got", data.decode(), writer.get_extra_info("sslcontext") is ctx)
        writer.write(data)
        await writer.drain()
        print("eof", await reader.read(100) == b"")
        writer.close()
        done.set()

    server = await asyncio.start_server(handle, "127.0.0.1", int(os.environ["TOWER_PORT"]),
                                        ssl=ctx)
    print("Serving on", server.sockets[0].getsockname())
    async with server:
        await done.wait()
    print("done")

asyncio.run(main())
"""

TLS_STEPS = """\
  { connect = "tls" },
  { send = "ping" },
  { expect = "ping" },
  { close = true },"""


def _suite_certs(suite, names=("ca.pem", "server.pem", "server.key")):
    """The repository's test certificates, in the scratch suite's certs/."""
    from pathlib import Path
    src = Path(__file__).resolve().parents[2] / "conformance" / "certs"
    (suite.suite / "certs").mkdir(exist_ok=True)
    for name in names:
        (suite.suite / "certs" / name).write_bytes((src / name).read_bytes())


def test_a_tls_peer_talks_to_a_tls_server(suite, conform):
    _suite_certs(suite)
    suite.add("t9-tls", TLS_ECHO_SERVER, toml=peer_toml("t9-tls", TLS_STEPS),
              golden="Serving on ('127.0.0.1', <PORT>)\ngot ping True\neof True\ndone\n")
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 0, out


def test_a_tls_peer_against_a_plain_server_fails_the_handshake(suite, conform):
    # The plain echo server sends the ClientHello back and waits: the
    # handshake never ends, and the verdict says where it stopped.
    _suite_certs(suite)
    suite.add("t9-echo", ECHO_SERVER, toml=peer_toml("t9-echo", TLS_STEPS, timeout=2),
              golden=ECHO_GOLDEN)
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 1
    assert re.search(r"^TIMEOUT +t9-echo .*peer step 0 \(connect\): time limit reached during"
                     r" the TLS handshake", out, re.M), out


def test_a_tls_peer_without_the_test_ca_says_what_is_missing(suite, conform):
    _suite_certs(suite, names=("server.pem", "server.key"))
    suite.add("t9-tls", TLS_ECHO_SERVER, toml=peer_toml("t9-tls", TLS_STEPS), golden="x\n")
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 1
    assert "needs the suite's test CA" in out, out


def test_a_tls_connection_cannot_half_close(suite, conform):
    _suite_certs(suite)
    steps = TLS_STEPS.replace('{ close = true }', '{ shutdown = "write" }')
    suite.add("t9-tls", TLS_ECHO_SERVER, toml=peer_toml("t9-tls", steps), golden="x\n")
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 1
    assert "cannot half-close" in out, out
