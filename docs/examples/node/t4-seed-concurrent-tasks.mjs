// Node.js edition of t4-seed-concurrent-tasks, written the way JavaScript
// programmers write it: calling an async function starts it at once, so it
// runs up to its first await before the caller goes on. asyncio.create_task
// only schedules; the suite catches the difference (see known-failures.toml).
const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

async function task1() {
  console.log("📝 Task 1 started");
  await sleep(2);
  console.log("📝 Task 1 completed");
  return "Result of Task 1";
}

async function task2() {
  console.log("📝 Task 2 started");
  await sleep(1);
  console.log("📝 Task 2 completed");
  return "Result of Task 2";
}

const taskA = task1();
const taskB = task2();
console.log("🎯 Both tasks have been started.");
console.log(`✅ ${await taskA}`);
console.log(`✅ ${await taskB}`);
