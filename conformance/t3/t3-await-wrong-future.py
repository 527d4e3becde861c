import asyncio


async def main():
    me = asyncio.current_task()
    try:
        await me
    except RuntimeError as e:
        print(f"a task awaiting itself: RuntimeError: {str(e).split(':')[0]}")
    other = asyncio.new_event_loop()
    fut = other.create_future()
    try:
        await fut
    except RuntimeError as e:
        print(f"a future of another loop: RuntimeError, "
              f"attached to a different loop: {str(e).endswith('attached to a different loop')}")
    other.close()
    print(f"the task goes on: {await asyncio.sleep(0, result='yes')}")


asyncio.run(main())
