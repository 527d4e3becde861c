"""The TCP echo benchmark of `make bench`: servers side by side, one client.

Every server follows one contract: its last argument is the port, it listens
on 127.0.0.1, prints `listening` when it accepts connections, echoes every
byte back until SIGTERM and then exits 0. The client, build/bench/echo-client
(tangled from the book), keeps CONNECTIONS connections each with one 1 KiB
request in flight for SECONDS seconds and prints the requests it completed.
The server's CPU time over the run comes from /proc/<pid>/stat (utime +
stime), so its cost per request is measured in the server, not guessed from
the client's rate. The client runs on one CPU and the server on another
(PIN, on machines with two CPUs or more): left to the scheduler, the same
server's rate swings by a factor of two from run to run with where the two
land. Each round runs every server once, in turns, on a quiet machine
(rounds.py), and the table shows each server's median rate and median CPU
per request with their ranges. Nothing passes or fails: the targets are read
off the ratios.

The TLS echo benchmark is the same with TLS on every connection: the
client's --tls offers one cipher suite, the servers are given the test
certificate of conformance/certs, and the floor is build/bench/echo-tls-epoll-
server, epoll and OpenSSL. The client's --ready leaves the connections'
setup, the TLS handshakes above all, out of the measure: it prints
`connected` once every connection is made, and sends its first request
when we answer, after reading the server's CPU time.

After the TCP table, the loop per core: the protocol server with one loop
and with two sharing the port, on the same client load, each loop's thread
pinned (BENCH_LOOPS_PIN=0: left to the scheduler), with each loop's share of
the requests, connections, CPU and sleeps per request read from /proc by
thread.

Run alone as `python3 bench/echo_bench.py [tcp|tls]` (or `make bench-echo`,
which runs both).
"""
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time

import rounds

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
REF_BENCH = os.path.join(ROOT, "build", "bench")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
SECONDS = float(os.environ.get("BENCH_ECHO_SECONDS", "2"))
CONNECTIONS = 10
REQUEST_SIZE = 1024
CLIENT = os.path.join(REF_BENCH, "echo-client")
CLK_TCK = os.sysconf("SC_CLK_TCK")
CERTS = os.path.join(ROOT, "conformance", "certs")
SERVER_CERT = [os.path.join(CERTS, "server.pem"), os.path.join(CERTS, "server.key")]
CLIENT_TLS = ["--tls", os.path.join(CERTS, "ca.pem")]
FLOOR, PROTOCOL, STREAMS, UVLOOP_PROTOCOL = ("epoll floor", "ref protocol", "ref streams",
                                             "uvloop protocol")
TARGET_STREAMS = 1.0     # ref streams at least as fast as uvloop's protocol server
TARGET_PROTOCOL = 1.15   # ref protocol within 1.15x of the floor in CPU per request
TARGET_SCALING = 1.8     # two loops sharing the port serve 1.8x one loop
LOOPS_PER_CORE = 2
LOOPS_CONNECTIONS = int(os.environ.get("BENCH_LOOPS_CONNECTIONS", str(CONNECTIONS)))
LOOPS_PIN = os.environ.get("BENCH_LOOPS_PIN", "1") != "0"   # 0: the scheduler places the loops
CLIENT_CPU, SERVER_CPU = 0, 1
PIN = (os.environ.get("BENCH_ECHO_PIN", "1") != "0" and hasattr(os, "sched_setaffinity")
       and SERVER_CPU in os.sched_getaffinity(0) and CLIENT_CPU in os.sched_getaffinity(0))


def on_cpu(*cpus):
    """A preexec_fn that keeps the child on CPUS when PIN holds, or None."""
    return (lambda: os.sched_setaffinity(0, set(cpus))) if PIN else None


def is_echo_program(name):
    """Whether build/bench/NAME belongs to this benchmark (bench/run leaves it to us)."""
    return name.startswith("echo-")


def servers(tls=False):
    """(name, command without the port) of every server, in table order."""
    anchors = os.path.join(HERE, "echo_servers.py")
    cert = ["--tls"] + SERVER_CERT if tls else []
    floor = ([os.path.join(REF_BENCH, "echo-tls-epoll-server")] + SERVER_CERT if tls
             else [os.path.join(REF_BENCH, "echo-epoll-server")])
    table = [(FLOOR, floor),
             (PROTOCOL, [os.path.join(REF_BENCH, "echo-protocol-server")] + cert),
             (STREAMS, [os.path.join(REF_BENCH, "echo-streams-server")] + cert)]
    for loop in ("asyncio", "uvloop"):
        for api in ("streams", "protocol"):
            table.append((f"{loop} {api}", [PYTHON, anchors, loop, api] + cert))
    return table


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def usage(pid):
    """(user CPU s, system CPU s, times a thread went to sleep) of process PID so far.

    The sleeps are the voluntary context switches of all its threads: an
    event loop makes one each time it blocks in epoll_wait with nothing ready.
    """
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    sleeps = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as f:
                sleeps += sum(int(line.split()[1]) for line in f
                              if line.startswith("voluntary_ctxt_switches"))
        except FileNotFoundError:       # a thread that ended meanwhile
            pass
    return int(fields[11]) / CLK_TCK, int(fields[12]) / CLK_TCK, sleeps   # utime, stime


def thread_usage(pid, tid):
    """(CPU s, sleeps, bytes read) of thread TID of process PID so far.

    The CPU time is the scheduler's count in nanoseconds (schedstat), since a
    thread's utime and stime come in clock ticks, too coarse for one of two
    loops over a short run. The bytes are the thread's rchar, what its read
    system calls returned: an echo server's loop reads each request once, so
    they count its requests.
    """
    with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
        cpu = int(f.read().split()[0]) / 1e9
    with open(f"/proc/{pid}/task/{tid}/status") as f:
        sleeps = sum(int(line.split()[1]) for line in f
                     if line.startswith("voluntary_ctxt_switches"))
    with open(f"/proc/{pid}/task/{tid}/io") as f:
        read = sum(int(line.split()[1]) for line in f if line.startswith("rchar"))
    return cpu, sleeps, read


def wait_listening(server, timeout=10.0):
    """What the server printed up to `listening`, or None if it did not say it in time."""
    deadline = time.monotonic() + timeout
    said = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([server.stdout], [], [], deadline - time.monotonic())
        if not ready:
            break
        chunk = os.read(server.stdout.fileno(), 4096)
        if not chunk:
            break
        said += chunk
        if b"listening" in said:
            return said.decode(errors="replace")
    return None


def said_numbers(text, label):
    """The integers after LABEL on a line of TEXT (the servers' `loop threads ...`)."""
    for line in text.splitlines():
        if line.startswith(label):
            return [int(v) for v in line[len(label):].split()]
    return []


def run_client(port, client_options, read_usage, connections=CONNECTIONS):
    """(client's output, the server's usage over the run) or an error string.

    The server's usage (READ_USAGE(), a tuple of numbers) is read when the
    client says its connections are made (and their handshakes done), and
    again when it has finished."""
    client = subprocess.Popen([CLIENT] + client_options + ["--ready", "127.0.0.1", str(port),
                              str(connections), f"{SECONDS:g}s"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              preexec_fn=on_cpu(CLIENT_CPU))
    connected = client.stdout.readline().strip() == "connected"
    before = read_usage()
    out, err = client.communicate("go\n" if connected else "")
    after = read_usage()
    if client.returncode != 0 or not connected:
        return f"client failed: {err.strip()}"
    return out, tuple(a - b for a, b in zip(after, before))


def run_once(command, server_cpus=(SERVER_CPU,), client_options=(), loop_cpus=None,
             connections=CONNECTIONS):
    """(requests/s, server CPU seconds per request) of one run, or an error string.

    With LOOP_CPUS (a CPU for each of the server's loops, which it names on
    its `loop threads` line, or None to leave a loop to the scheduler), each
    loop's thread is pinned to its CPU and the result has three more figures
    per request, the server's user and system CPU seconds and the times its
    threads went to sleep, and then per_loop's list.
    """
    port = free_port()
    with tempfile.TemporaryFile() as errors:
        server = subprocess.Popen(command + [str(port)], stdout=subprocess.PIPE, stderr=errors,
                                  preexec_fn=on_cpu(*server_cpus))
        try:
            said = wait_listening(server)
            if said is None:
                return "did not print 'listening'"
            tids = said_numbers(said, "loop threads") if loop_cpus else []
            if loop_cpus and len(tids) != len(loop_cpus):
                return f"named {len(tids)} loop threads, not {len(loop_cpus)}"
            for tid, cpu in zip(tids, loop_cpus or ()):
                if cpu is not None:
                    os.sched_setaffinity(tid, {cpu})

            def read_usage():
                whole = usage(server.pid)
                return whole + tuple(v for tid in tids for v in thread_usage(server.pid, tid))
            got = run_client(port, list(client_options), read_usage, connections)
            if isinstance(got, str):
                return got
            out, used = got
            _, rate, _, requests = out.split()[:4]
            server.send_signal(signal.SIGTERM)
            status = server.wait(timeout=10)
            if status != 0:
                return f"server exited with status {status}"
            per = [u / int(requests) for u in used[:3]]
            result = (float(rate), per[0] + per[1])
            if not loop_cpus:
                return result
            accepted = said_numbers(server.stdout.read().decode(errors="replace"),
                                    "loop connections")
            return result + tuple(per) + (per_loop(used[3:], accepted),)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
            errors.seek(0)
            said = errors.read().decode(errors="replace").strip()
            if said:
                print(f"{command[-1]}: {said[-300:]}", file=sys.stderr)


def per_loop(used, accepted):
    """[(share of requests, connections, CPU s, sleeps per request)] of each loop.

    USED holds each loop thread's (CPU s, sleeps, bytes read) over the run,
    one after the other; a loop's requests are the bytes it read over
    REQUEST_SIZE (each request is read once, by the loop that serves it).
    """
    rows = [used[i:i + 3] for i in range(0, len(used), 3)]
    total = sum(row[2] for row in rows) or 1
    loops = []
    for row, connections in zip(rows, accepted or [0] * len(rows)):
        requests = max(row[2] / REQUEST_SIZE, 1)
        loops.append((row[2] / total, connections, row[0] / requests, row[1] / requests))
    return loops


def measure(tls=False):
    """{name: (rates, CPU costs) of the kept rounds, or an error string}."""
    table = servers(tls)
    gate = rounds.Gate()
    options = CLIENT_TLS if tls else []
    runs = rounds.in_turns({name: (lambda c=command: run_once(c, client_options=options))
                            for name, command in table if os.path.exists(command[0])}, gate)
    results = {name: got[-1] if isinstance(got[-1], str) else
               ([r for r, _ in got], [c for _, c in got])
               for name, got in runs.items() if got}
    return table, results, gate, tls


def ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "-"


def report(table, results, gate, tls):
    medians = {name: (rounds.median(got[0]), rounds.median(got[1]))
               for name, got in results.items() if not isinstance(got, str)}
    floor, uvp = medians.get(FLOOR), medians.get(UVLOOP_PROTOCOL)
    print()
    what = "TLS echo (TLS 1.3, AES-128-GCM)" if tls else "TCP echo"
    print(f"{what}: 1 KiB request/response on {CONNECTIONS} connections, "
          f"median (min-max) of {rounds.ROUNDS} rounds of {SECONDS:g} s, "
          + (f"client on CPU {CLIENT_CPU}, server on CPU {SERVER_CPU}" if PIN else "not pinned"))
    print(f"{'server':<18}{'requests/s':>26}{'CPU us/req':>20}"
          f"{'req/s vs uvloop protocol':>26}{'CPU vs epoll floor':>20}")
    for name, _ in table:
        got = results.get(name)
        if got is None:
            print(f"{name:<18}{'-':>26}{'-':>20}   (not built)")
            continue
        if isinstance(got, str):
            print(f"{name:<18}{'-':>26}{'-':>20}   ({got})")
            continue
        rate, cpu = medians[name]
        rates = f"{rate:,.0f} ({min(got[0]):,.0f}-{max(got[0]):,.0f})"
        costs = f"{cpu * 1e6:.2f} ({min(got[1]) * 1e6:.2f}-{max(got[1]) * 1e6:.2f})"
        print(f"{name:<18}{rates:>26}{costs:>20}"
              f"{ratio(rate, uvp[0] if uvp else 0):>26}"
              f"{ratio(cpu, floor[1] if floor else 0):>20}")
    print(target(medians, STREAMS, UVLOOP_PROTOCOL, 0, TARGET_STREAMS, ">=", "requests/s"))
    print(target(medians, PROTOCOL, FLOOR, 1, TARGET_PROTOCOL, "<=", "CPU per request"))
    print(gate.summary())


def target(results, name, base, column, bound, sense, what):
    """One line saying where NAME stands against its target, a ratio to BASE."""
    got, ref = results.get(name), results.get(base)
    goal = f"target {sense} {bound:.2f}x {base} in {what}"
    if not isinstance(got, tuple) or not isinstance(ref, tuple):
        return f"{name}: not measured ({goal})"
    value = got[column] / ref[column]
    met = value >= bound if sense == ">=" else value <= bound
    return f"{name}: {value:.2f}x {base} in {what} ({goal}): {'met' if met else 'missed'}"


def loop_placement(loops, cpus, pinned):
    """(CPU of each loop or None, whether the rates compare directly), client on CPUS[0].

    With a CPU for the client and one for each loop, every loop has its own
    and the rates compare directly. With fewer, loop i goes to CPUS[(1 + i) %
    len(CPUS)]: one loop has the CPU the client leaves, and of two loops on
    two CPUs the second shares the client's, which makes the comparison the
    server's CPU per request, and the loops' own lines say what sharing costs.
    Not PINNED, the loops are left to the scheduler (None), on every CPU,
    the client's included, and the comparison is by CPU per request.
    """
    direct = len(cpus) >= 1 + loops
    if not pinned:
        return [None] * loops, False
    return [cpus[(1 + i) % len(cpus)] for i in range(loops)], direct


def loops_per_core(loops=LOOPS_PER_CORE, connections=LOOPS_CONNECTIONS):
    """One loop against LOOPS loops of the protocol server, sharing the port.

    Both servers get the same load, CONNECTIONS connections each with one
    request in flight. With a CPU for the client and LOOPS for the server,
    the rates compare directly. With fewer (two CPUs: one for the client,
    one or two for the server), the rate is the client's, not the server's,
    and the comparison is the server's CPU per request: LOOPS loops that each
    cost what one loop costs serve LOOPS times as much on LOOPS cores.
    """
    server = os.path.join(REF_BENCH, "echo-protocol-server")
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pinned = PIN and LOOPS_PIN
    placements = {n: loop_placement(n, cpus, pinned) for n in (1, loops)}
    direct = placements[loops][1]
    gate = rounds.Gate()
    runs = rounds.in_turns({n: (lambda n=n: run_once([server, "--loops", str(n)], cpus,
                                                     loop_cpus=placements[n][0],
                                                     connections=connections))
                            for n in (1, loops)}, gate)
    print()
    print(f"Loop per core: the protocol server with 1 and {loops} loops sharing the port "
          f"(SO_REUSEPORT), {connections} connections, median (min-max) of {rounds.ROUNDS} "
          f"rounds, " + (f"client on CPU {CLIENT_CPU}, " if PIN else "client not pinned, ")
          + ("loops left to the scheduler" if not pinned
             else "every loop on a CPU of its own" if direct
             else f"{len(cpus)} CPUs: loops on CPUs {placements[loops][0]}"))
    medians = {}
    for n, got in runs.items():
        if isinstance(got[-1], str):
            print(f"{n} loop(s): {got[-1]}")
            return
        rates, costs = [g[0] for g in got], [g[1] for g in got]
        medians[n] = rounds.median(rates), rounds.median(costs)
        user, system, sleeps = (rounds.median([g[i] for g in got]) for i in (2, 3, 4))
        print(f"{n} loop(s): {medians[n][0]:,.0f} requests/s ({min(rates):,.0f}-{max(rates):,.0f}), "
              f"{medians[n][1] * 1e6:.2f} CPU us/request "
              f"({min(costs) * 1e6:.2f}-{max(costs) * 1e6:.2f}): user {user * 1e6:.2f}, "
              f"system {system * 1e6:.2f}, {sleeps:.3f} sleeps a request")
        for i, cpu in enumerate(placements[n][0]):
            share, _, cost, sleeps = (rounds.median([g[5][i][k] for g in got]) for k in range(4))
            accepted = [g[5][i][1] for g in got]
            where = ("" if cpu is None else f" on CPU {cpu}"
                     + (" (the client's)" if cpu == CLIENT_CPU else ""))
            print(f"  loop {i}{where}: {share:.0%} of the requests, "
                  f"{min(accepted)}-{max(accepted)} of {connections} connections, "
                  f"{cost * 1e6:.2f} CPU us/request, {sleeps:.3f} sleeps a request")
    (one_rate, one_cost), (many_rate, many_cost) = medians[1], medians[loops]
    if direct:
        scale, how = many_rate / one_rate, "requests/s"
    else:
        scale, how = loops * one_cost / many_cost, "CPU per request"
    met = "met" if scale >= TARGET_SCALING else "missed"
    if gate.others and max(gate.others) > rounds.MAX_OTHER:
        # pinned loops cannot step aside from others' work: the CPU the one
        # loop has is the one others' work goes to, while the client holds
        # the other, and the ratio says more about the others than the loops
        met = (f"not judged, others used up to {max(gate.others):.2f} cores "
               f"(more than {rounds.MAX_OTHER:g})")
    print(f"{loops} loops serve {scale:.2f}x one loop, by {how} "
          f"(target >= {TARGET_SCALING:.2f}x): {met}")
    print(gate.summary())


def main(which=("tcp", "tls")):
    if not os.access(CLIENT, os.X_OK):
        print(f"echo benchmark skipped: {CLIENT} is not built (make benchmarks)")
        return
    if "tcp" in which:
        report(*measure())
        loops_per_core()
    if "tls" in which:
        report(*measure(tls=True))


if __name__ == "__main__":
    if any(a not in ("tcp", "tls") for a in sys.argv[1:]):
        sys.exit("usage: echo_bench.py [tcp|tls]...")
    main(tuple(sys.argv[1:]) or ("tcp", "tls"))
