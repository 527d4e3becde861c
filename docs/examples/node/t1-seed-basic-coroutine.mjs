// Node.js edition of t1-seed-basic-coroutine: an async function awaiting a timer.
const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

async function greet() {
  console.log("🌟 Coroutine started");
  await sleep(1);
  console.log("🌟 Coroutine ended");
}

await greet();
