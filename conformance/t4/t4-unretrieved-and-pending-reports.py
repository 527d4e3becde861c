import asyncio
import gc


def handler(loop, context):
    print(f"handler: {context['message']}")
    print(f"  context keys: {sorted(context)}")
    if "exception" in context:
        exc = context["exception"]
        print(f"  exception: {type(exc).__name__}: {exc}")
    task = context.get("future") or context.get("task")
    print(f"  the task: {task.get_name()}, done: {task.done()}")


async def fails():
    raise ValueError("nobody asked")


async def waits(fut):
    await fut


loop = asyncio.new_event_loop()
loop.set_exception_handler(handler)
task = loop.create_task(fails(), name="fails")
loop.run_until_complete(asyncio.sleep(0))
print(f"task done: {task.done()}; dropping the last reference")
del task
gc.collect()

retrieved = loop.create_task(fails(), name="retrieved")
loop.run_until_complete(asyncio.sleep(0))
print(f"exception() retrieved: {retrieved.exception()!r}")
del retrieved
gc.collect()
print("a retrieved exception is not reported")

fut = loop.create_future()
task = loop.create_task(waits(fut), name="waits")
loop.run_until_complete(asyncio.sleep(0))
print(f"task pending: {not task.done()}; closing the loop")
loop.close()
del task, fut
gc.collect()
print("after close")
