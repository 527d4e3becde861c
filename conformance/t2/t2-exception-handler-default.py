import asyncio

loop = asyncio.new_event_loop()


def boom():
    print("boom: raising ZeroDivisionError")
    1 / 0


def after():
    print("after: the loop kept running")


print(f"get_exception_handler() = {loop.get_exception_handler()}")
loop.call_soon(boom)
loop.call_soon(after)
loop.call_soon(loop.stop)
loop.run_forever()
print("run_forever returned normally")
loop.close()
