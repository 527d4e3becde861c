#line 710 "tower.nw"
/* tower.h -- the reference runtime of the Tower of Asyncio.
   Generated from tower.nw: edit the book, not this file. */
#ifndef TOWER_H
#define TOWER_H
#include "tower/error.h"
#include "tower/coro.h"
#include "tower/loop.h"
#include "tower/future.h"
#include "tower/task.h"
#line 11037 "tower.nw"
#include "tower/executor.h"
#include "tower/subprocess.h"
#line 18317 "tower.nw"
#include "tower/locks.h"
#include "tower/queue.h"
#line 22432 "tower.nw"
#include "tower/transport.h"
#line 27509 "tower.nw"
#include "tower/protocol.h"
#line 31576 "tower.nw"
#include "tower/stream.h"
#line 720 "tower.nw"
#endif
