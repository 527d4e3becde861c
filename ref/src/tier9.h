#line 1483 "chapters/tier9-streams.nw"
/* tier9.h -- what the files of tier 9 (streams and processes) share; not installed. */
#ifndef TOWER_TIER9_H
#define TOWER_TIER9_H
#include "tier8.h"
#include "tower/stream.h"
#include "tower/process.h"

#line 1496 "chapters/tier9-streams.nw"
void tw__stream_reader_detach(tw_stream_reader *r);
#line 1491 "chapters/tier9-streams.nw"
#endif
