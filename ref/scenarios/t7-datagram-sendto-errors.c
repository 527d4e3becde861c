#line 3689 "chapters/tier7-examples.nw"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tower.h"

static tw_future *inbox;
static char received[64];

static tw_error *receiver_data(tw_protocol *p, const void *data, size_t n, const tw_sockaddr *addr)
{
    (void)p;
    (void)addr;
    if (inbox == NULL || tw_future_done(inbox))
        return NULL;
    snprintf(received, sizeof received, "%.*s", (int)n, (const char *)data);
    return tw_future_set_result(inbox, TW_STR(received));
}

static const tw_protocol_class receiver_class = {
    .name = "Receiver", .kind = TW_PROTOCOL_DATAGRAM, .datagram_received = receiver_data,
};

struct sender { tw_protocol base; tw_future *lost; };

static tw_error *sender_error(tw_protocol *p, tw_error *exc)
{
    (void)p;
    printf("  error_received: %s: %s\n", tw_error_type(exc), tw_error_str(exc));
    return NULL;
}

static tw_error *sender_lost(tw_protocol *p, tw_error *exc)
{
    return tw_future_set_result(((struct sender *)p)->lost,
                                TW_STR(exc ? tw_error_str(exc) : "None"));
}

static void sender_destroy(tw_protocol *p)
{
    tw_unref(((struct sender *)p)->lost);
}

static const tw_protocol_class sender_class = {
    .name = "Sender", .kind = TW_PROTOCOL_DATAGRAM, .error_received = sender_error,
    .connection_lost = sender_lost, .destroy = sender_destroy,
};

static tw_protocol *factory(void *arg)
{
    const tw_protocol_class *cls = arg;
    struct sender *p = tw_protocol_new(cls, cls == &sender_class ? sizeof *p : sizeof(tw_protocol));
    if (cls == &sender_class)
        p->lost = tw_future_new(tw_get_running_loop());
    return &p->base;
}

/* The next datagram the receiver gets. */
static tw_future *expect(void)
{
    tw_unref(inbox);
    inbox = tw_future_new(tw_get_running_loop());
    return tw_ref(inbox);
}

struct main_frame { tw_coro co; tw_transport *receiver, *sender; tw_sockaddr address; };

static void main_cleanup(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    if (f->receiver)
        tw_unref(f->receiver);
    if (f->sender)
        tw_unref(f->sender);
    tw_unref(inbox);
}

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    tw_future *next;
    char *big;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, factory, (void *)&receiver_class,
        &(tw_datagram_options){ .local_host = "127.0.0.1" }));
    f->receiver = TW_RESULT(co).p;
    f->address = *(const tw_sockaddr *)tw_transport_get_extra_info(f->receiver, "sockname",
                                                                    TW_NONE).p;
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, factory, (void *)&sender_class,
        &(tw_datagram_options){ .remote_host = "127.0.0.1",
                                .remote_port = tw_sockaddr_port(&f->address) }));
    f->sender = TW_RESULT(co).p;

    next = expect();
    tw_unref(tw_transport_sendto(f->sender, "", 0, NULL));
    tw_unref(tw_transport_sendto(f->sender, "first", 5, NULL));
    TW_AWAIT(co, next);
    printf("sendto(b''): nothing sent, the first datagram is b'%s'\n", TW_RESULT(co).s);

    /* Larger than any UDP datagram: the kernel refuses it at once, and the
       transport hands the error to error_received; the endpoint stays open. */
    printf("sendto 70000 bytes:\n");
    big = malloc(70000);
    memset(big, 'x', 70000);
    tw_unref(tw_transport_sendto(f->sender, big, 70000, NULL));
    free(big);
    printf("  buffered %zu, closing %s\n", tw_transport_get_write_buffer_size(f->sender),
           tw_bool_str(tw_transport_is_closing(f->sender)));
    next = expect();
    tw_unref(tw_transport_sendto(f->sender, "after the refusal", 17, NULL));
    TW_AWAIT(co, next);
    printf("the next datagram goes: b'%s'\n", TW_RESULT(co).s);

    tw_transport_close(f->sender);
    tw_unref(tw_transport_sendto(f->sender, "after close", 11, NULL));
    printf("sendto after close: no error, closing %s\n",
           tw_bool_str(tw_transport_is_closing(f->sender)));
    TW_AWAIT(co, tw_ref(((struct sender *)tw_transport_get_protocol(f->sender))->lost));
    printf("connection_lost(%s)\n", TW_RESULT(co).s);
    tw_unref(tw_transport_sendto(f->sender, "after connection_lost", 21, NULL));
    printf("sendto after connection_lost: no error\n");
    /* The receiver sends itself a datagram: had anything come after
       "after the refusal", it would be first in the queue. */
    next = expect();
    tw_unref(tw_transport_sendto(f->receiver, "to itself", 9, &f->address));
    TW_AWAIT(co, next);
    printf("the receiver's next datagram is its own: b'%s'\n", TW_RESULT(co).s);
    tw_transport_close(f->receiver);
    TW_AWAIT(co, tw_sleep(0));
    TW_END(co);
}

int main(void)
{
    struct main_frame *f;
    setvbuf(stdout, NULL, _IOLBF, 0);
    f = tw_coro_new(main_body, sizeof *f);
    f->co.cleanup = main_cleanup;
    return tw_report_uncaught(tw_run(&f->co, NULL));
}
