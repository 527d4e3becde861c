#line 473 "tower.nw"
/* tower.h -- the reference runtime of the Tower of Asyncio: every tier's
   interface. Tangled from the book (tower.nw and chapters/): edit the book,
   not this file. */
#ifndef TOWER_H
#define TOWER_H
#include "tower/error.h"
#include "tower/coro.h"
#include "tower/loop.h"
#include "tower/future.h"
#include "tower/task.h"
#include "tower/contextvar.h"
#include "tower/taskgroup.h"
#include "tower/timeout.h"
#include "tower/runner.h"
#line 254 "chapters/tier5-executors.nw"
#include "tower/executor.h"
#include "tower/subprocess.h"
#line 214 "chapters/tier6-queues.nw"
#include "tower/locks.h"
#include "tower/queue.h"
#line 392 "chapters/tier7-transports.nw"
#include "tower/transport.h"
#line 93 "chapters/tier7-tls.nw"
#include "tower/tls.h"
#line 236 "chapters/tier8-protocols.nw"
#include "tower/protocol.h"
#include "tower/server.h"
#line 256 "chapters/tier9-streams.nw"
#include "tower/stream.h"
#include "tower/process.h"
#line 488 "tower.nw"
#endif
