import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()


def say(tag):
    print(f"callback {tag}")


fut.add_done_callback(lambda f: say("done A"))
fut.add_done_callback(lambda f: say("done B"))
loop.call_soon(say, "soon X (before set_result)")
fut.set_result(None)
loop.call_soon(say, "soon Y (after set_result)")
fut.add_done_callback(lambda f: say("done C (added after completion)"))
loop.call_soon(say, "soon Z")
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
