import asyncio


async def main():
    loop = asyncio.get_running_loop()
    samples = [loop.time() for _ in range(10000)]
    print(f"time() is a float: {isinstance(samples[0], float)}")
    print(f"10000 readings never decrease: {all(a <= b for a, b in zip(samples, samples[1:]))}")
    before = loop.time()
    await asyncio.sleep(0.05)
    after = loop.time()
    print(f"time advanced across sleep(0.05): {after > before}")


asyncio.run(main())
