import asyncio


async def party(name, barrier, results):
    pos = await barrier.wait()
    results.append((name, pos))


async def main():
    barrier = asyncio.Barrier(3)
    print("parties:", barrier.parties, "n_waiting:", barrier.n_waiting, "broken:", barrier.broken)
    for round_no in (1, 2):
        results = []
        tasks = [asyncio.create_task(party(f"p{i}", barrier, results)) for i in range(2)]
        for _ in range(3):
            await asyncio.sleep(0)
        print("round", round_no, "n_waiting:", barrier.n_waiting, "passed so far:", len(results))
        await party("p2", barrier, results)
        await asyncio.gather(*tasks)
        print("round", round_no, "passed:", " ".join(sorted(name for name, _ in results)))
        print("round", round_no, "positions:", " ".join(str(p) for p in sorted(pos for _, pos in results)))
    print("n_waiting after reuse:", barrier.n_waiting, "broken:", barrier.broken)


asyncio.run(main())
