import asyncio
import subprocess
import warnings

# The child watchers are deprecated from 3.12 (DeprecationWarning on stderr);
# what they do is the subject here, not the warning.
warnings.simplefilter("ignore", DeprecationWarning)

WATCHERS = ["ThreadedChildWatcher", "PidfdChildWatcher", "SafeChildWatcher",
            "FastChildWatcher", "MultiLoopChildWatcher"]


def exited(pid, returncode, name):
    print(f"  {name}: callback, returncode {returncode}")


async def through_the_watcher(name):
    loop = asyncio.get_running_loop()
    watcher = getattr(asyncio, name)()
    print(f"{name}: active before attach_loop: {watcher.is_active()}")
    watcher.attach_loop(loop)
    print(f"  active after attach_loop: {watcher.is_active()}")
    asyncio.set_child_watcher(watcher)
    print(f"  get_child_watcher() is it: {asyncio.get_child_watcher() is watcher}")
    proc = await asyncio.create_subprocess_exec("sh", "-c", "exit 3")
    print(f"  create_subprocess_exec: wait() -> {await proc.wait()}")

    # add_child_handler directly: the callback gets the pid, the exit code and
    # the extra arguments, on the loop's thread or (threaded) from its thread.
    done = asyncio.Event()

    def callback(pid, returncode, label):
        exited(pid, returncode, label)
        loop.call_soon_threadsafe(done.set)

    with watcher:
        child = subprocess.Popen(["sh", "-c", "exit 7"])
        watcher.add_child_handler(child.pid, callback, "add_child_handler")
    await done.wait()
    child.returncode = 7      # reaped by the watcher, not by Popen

    # remove_child_handler: True for a pid it watches, False otherwise; the
    # threaded watcher's is a no-op that says True: its thread still waits
    # and calls back.
    done.clear()
    with watcher:
        child = subprocess.Popen(["sleep", "30"])
        watcher.add_child_handler(child.pid, callback, "after remove_child_handler")
        print(f"  remove_child_handler(watched): {watcher.remove_child_handler(child.pid)}")
        print(f"  remove_child_handler(again): {watcher.remove_child_handler(child.pid)}")
    child.kill()
    if name == "ThreadedChildWatcher":
        await done.wait()
        child.returncode = -9
    else:
        child.wait()
    watcher.close()
    print(f"  active after close: {watcher.is_active()}")


async def main():
    # The default watcher of 3.11's policy is a ThreadedChildWatcher.
    print(f"default: {type(asyncio.get_child_watcher()).__name__}")
    for name in WATCHERS:
        await through_the_watcher(name)

    # A watcher whose loop is gone: subprocess support is not installed.
    watcher = asyncio.SafeChildWatcher()
    asyncio.set_child_watcher(watcher)
    try:
        await asyncio.create_subprocess_exec("true")
    except RuntimeError as exc:
        print(f"SafeChildWatcher not attached: RuntimeError: {exc}")

    # A child already reaped elsewhere: SafeChildWatcher reports 255 at once.
    watcher.attach_loop(asyncio.get_running_loop())
    child = subprocess.Popen(["true"])
    child.wait()
    watcher.add_child_handler(child.pid, exited, "already reaped")
    watcher.close()
    asyncio.set_child_watcher(None)


asyncio.run(main())
