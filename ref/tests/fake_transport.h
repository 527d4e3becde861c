#line 94 "chapters/tier9-tests.nw"
/* fake_transport.h -- a transport that counts its pauses and resumes, shared by
   check_stream.c and fuzz/stream_reader.c; the includer defines FAKE_TRANSPORT_FAIL */
#ifndef TOWER_FAKE_TRANSPORT_H
#define TOWER_FAKE_TRANSPORT_H
#include <stdbool.h>
#include <string.h>
#include "tower.h"
#ifndef FAKE_TRANSPORT_FAIL
#error "define FAKE_TRANSPORT_FAIL(what), how a misuse is reported, before including fake_transport.h"
#endif

#line 110 "chapters/tier9-tests.nw"
struct fake_transport { tw_transport base; int pauses, resumes; bool paused; };

static void fake_pause(tw_transport *t)
{
    struct fake_transport *ft = (struct fake_transport *)t;
    if (ft->paused)
        FAKE_TRANSPORT_FAIL("paused twice");
    ft->pauses++;
    ft->paused = true;
}

static void fake_resume(tw_transport *t)
{
    struct fake_transport *ft = (struct fake_transport *)t;
    if (!ft->paused)
        FAKE_TRANSPORT_FAIL("resumed while not paused");
    ft->resumes++;
    ft->paused = false;
}

static const tw_transport_class fake_class = {
    .name = "FakeTransport", .kinds = TW_TRANSPORT_READ,
    .pause_reading = fake_pause, .resume_reading = fake_resume,
};
static const tw_transport_class fake_class_without_pause = {
    .name = "FakeTransportWithoutPause", .kinds = TW_TRANSPORT_READ,
    .resume_reading = fake_resume,
};

static tw_transport *fake_transport_init(struct fake_transport *ft, bool can_pause)
{
    memset(ft, 0, sizeof *ft);
    tw_transport_init(&ft->base, can_pause ? &fake_class : &fake_class_without_pause, NULL, NULL);
    return &ft->base;
}
#line 106 "chapters/tier9-tests.nw"
#endif
