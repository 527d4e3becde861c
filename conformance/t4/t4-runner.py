import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")


async def step(tag):
    print(f"{tag}: var was {var.get()}")
    var.set(tag)
    return tag


runner = asyncio.Runner()
with runner:
    loop = runner.get_loop()
    print(f"run -> {runner.run(step('first'))}")
    print(f"run -> {runner.run(step('second'))}")
    ctx = contextvars.copy_context()
    print(f"run with a context of its own -> {runner.run(step('third'), context=ctx)}")
    print(f"that context now holds: {ctx[var]}")
    print(f"run -> {runner.run(step('fourth'))}")
    print(f"every run on the same loop: {runner.get_loop() is loop}")
print(f"after the with block the loop is closed: {loop.is_closed()}")
runner.close()
print("close() again: no error")
late = step("late")
try:
    runner.run(late)
except RuntimeError as exc:
    print(f"run after close: RuntimeError: {exc}")
late.close()
try:
    runner.get_loop()
except RuntimeError as exc:
    print(f"get_loop after close: RuntimeError: {exc}")
