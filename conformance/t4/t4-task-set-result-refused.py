import asyncio


async def work():
    await asyncio.sleep(0)
    return "its own result"


def attempt(what, call):
    try:
        call()
        print(f"{what}: accepted")
    except RuntimeError as exc:
        print(f"{what}: RuntimeError: {exc}")


async def main():
    task = asyncio.create_task(work())
    attempt("set_result on a pending task", lambda: task.set_result("forced"))
    attempt("set_exception on a pending task", lambda: task.set_exception(ValueError("forced")))
    print(f"the task is still pending: {not task.done()}")
    print(f"result: {await task}")
    attempt("set_result on a done task", lambda: task.set_result("late"))
    print(f"result after: {task.result()}")


asyncio.run(main())
