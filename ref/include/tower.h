#line 675 "tower.nw"
/* tower.h -- the reference runtime of the Tower of Asyncio.
   Generated from tower.nw: edit the book, not this file. */
#ifndef TOWER_H
#define TOWER_H
#include "tower/error.h"
#include "tower/coro.h"
#include "tower/loop.h"
#include "tower/future.h"
#include "tower/task.h"
#line 11308 "tower.nw"
#include "tower/transport.h"
#line 15132 "tower.nw"
#include "tower/protocol.h"
#line 18444 "tower.nw"
#include "tower/stream.h"
#line 685 "tower.nw"
#endif
