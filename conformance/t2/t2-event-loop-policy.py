import asyncio
import threading

policy = asyncio.get_event_loop_policy()
print(f"the default policy is an AbstractEventLoopPolicy: "
      f"{isinstance(policy, asyncio.AbstractEventLoopPolicy)}")
print(f"the same policy on each call: {asyncio.get_event_loop_policy() is policy}")

# Nothing set yet: in the main thread the default policy makes a loop.
first = policy.get_event_loop()
print(f"the main thread's first get_event_loop() makes a loop: {isinstance(first, asyncio.AbstractEventLoop)}, "
      f"open: {not first.is_closed()}")
print(f"and keeps it: {policy.get_event_loop() is first}, asyncio.get_event_loop() too: {asyncio.get_event_loop() is first}")
first.close()
print(f"a closed loop stays the current one: {asyncio.get_event_loop() is first}")

outcome = []
def other_thread():
    try:
        asyncio.get_event_loop()
        outcome.append("a loop")
    except RuntimeError as exc:
        outcome.append(f"RuntimeError: {exc}")
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    outcome.append(f"after set_event_loop there: {asyncio.get_event_loop() is loop}")
    asyncio.set_event_loop(None)
    loop.close()
worker = threading.Thread(target=other_thread, name="worker")
worker.start()
worker.join()
print("another thread's get_event_loop(): " + outcome[0])
print(outcome[1])
print(f"the main thread's loop is untouched: {asyncio.get_event_loop() is first}")

for wrong in (42, "loop"):
    try:
        asyncio.set_event_loop(wrong)
    except TypeError as exc:
        print(f"set_event_loop({wrong!r}): TypeError: {exc}")
print(f"the loop set before stays: {asyncio.get_event_loop() is first}")
asyncio.set_event_loop(None)
try:
    asyncio.get_event_loop()
except RuntimeError as exc:
    print(f"after set_event_loop(None): RuntimeError: {exc}")


class Counting(asyncio.DefaultEventLoopPolicy):
    made = 0

    def new_event_loop(self):
        Counting.made += 1
        return super().new_event_loop()


try:
    asyncio.set_event_loop_policy(object())
except TypeError as exc:
    print(f"set_event_loop_policy(object()): TypeError: {exc}")
print(f"the policy is unchanged: {asyncio.get_event_loop_policy() is policy}")

counting = Counting()
asyncio.set_event_loop_policy(counting)
print(f"get_event_loop_policy() is the policy set: {asyncio.get_event_loop_policy() is counting}")
loop = asyncio.new_event_loop()
print(f"asyncio.new_event_loop() asks it: loops made {Counting.made}")
loop.close()

async def main():
    return asyncio.get_running_loop()
ran = asyncio.run(main())
print(f"asyncio.run asks it for its loop: loops made {Counting.made}, closed after: {ran.is_closed()}")
asyncio.set_event_loop_policy(None)
fresh = asyncio.get_event_loop_policy()
print(f"set_event_loop_policy(None): a new default policy: {isinstance(fresh, asyncio.DefaultEventLoopPolicy)}, "
      f"not the first one: {fresh is not policy}, not the custom one: {fresh is not counting}")
