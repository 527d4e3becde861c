#line 601 "chapters/tier8-protocols.nw"
/* tier8.h -- what the files of tier 8 (protocols and servers) share; not installed. */
#ifndef TOWER_TIER8_H
#define TOWER_TIER8_H
#include "tier7.h"
#include "tower/protocol.h"
#include "tower/server.h"

#line 614 "chapters/tier8-protocols.nw"
tw_error *tw__unix_addr(tw_sockaddr *a, const char *path);
tw_protocol *tw__make_protocol(tw_protocol_factory factory, void *arg, tw_error **err);
#line 1299 "chapters/tier8-protocols.nw"
void tw__server_adopt_arg(tw_server *s, void (*release)(void *arg));
#line 609 "chapters/tier8-protocols.nw"
#endif
