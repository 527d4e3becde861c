"""The loop-per-core pass of bench/echo_bench.py: placement and per-loop figures."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import echo_bench  # noqa: E402


def test_loops_named_by_the_server_are_read_in_order():
    said = "loop threads 41 43 42\nlistening\n"
    assert echo_bench.said_numbers(said, "loop threads") == [41, 43, 42]
    assert echo_bench.said_numbers(said, "loop connections") == []


def test_two_loops_on_two_cpus_share_the_clients_cpu():
    assert echo_bench.loop_placement(1, [0, 1], True)[0] == [1]
    assert echo_bench.loop_placement(2, [0, 1], True) == ([1, 0], False)


def test_a_cpu_for_each_loop_compares_rates():
    assert echo_bench.loop_placement(2, [0, 1, 2], True) == ([1, 2], True)


def test_loops_left_to_the_scheduler_compare_cpu():
    assert echo_bench.loop_placement(2, [0, 1, 2], False) == ([None, None], False)


def test_each_loops_requests_are_the_bytes_it_read():
    size = echo_bench.REQUEST_SIZE
    # (CPU s, sleeps, bytes read) of two loops: 300 and 100 requests
    used = (0.003, 30, 300 * size, 0.002, 50, 100 * size)
    first, second = echo_bench.per_loop(used, [7, 3])
    assert first == (0.75, 7, 0.003 / 300, 30 / 300)
    assert second == (0.25, 3, 0.002 / 100, 50 / 100)


def test_a_loop_that_read_nothing_counts_one_request():
    first, = echo_bench.per_loop((0.001, 2, 0), [])
    assert first == (0.0, 0, 0.001, 2)
