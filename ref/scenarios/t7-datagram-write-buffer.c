#line 227 "chapters/tier7-examples.nw"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "tower.h"

enum { DATAGRAM = 100 };

static tw_transport *sender;
static tw_future *all_in;
static long received, expected = -1;
static bool in_order = true;

static void datagram(long i, char *buf)
{
    snprintf(buf, DATAGRAM + 1, "%06ld", i);
    memset(buf + 6, '.', DATAGRAM - 6);
}

static tw_error *sender_pause(tw_protocol *p)
{
    (void)p;
    printf("sender: pause_writing, buffered above the high mark: %s\n",
           tw_bool_str(tw_transport_get_write_buffer_size(sender) > 1000));
    return NULL;
}

static tw_error *sender_resume(tw_protocol *p)
{
    (void)p;
    printf("sender: resume_writing, buffered at most the low mark: %s\n",
           tw_bool_str(tw_transport_get_write_buffer_size(sender) <= 250));
    return NULL;
}

static const tw_protocol_class sender_class = {
    .name = "Sender", .kind = TW_PROTOCOL_DATAGRAM,
    .pause_writing = sender_pause, .resume_writing = sender_resume,
};

static tw_error *receiver_datagram(tw_protocol *p, const void *data, size_t n,
                                   const tw_sockaddr *addr)
{
    char want[DATAGRAM + 1];
    (void)p;
    (void)addr;
    datagram(received++, want);
    if (n != DATAGRAM || memcmp(data, want, DATAGRAM) != 0)
        in_order = false;
    if (received == expected)
        tw_future_set_result(all_in, TW_NONE);
    return NULL;
}

static const tw_protocol_class receiver_class = {
    .name = "Receiver", .kind = TW_PROTOCOL_DATAGRAM, .datagram_received = receiver_datagram,
};

static tw_protocol *factory(void *cls)
{
    return tw_protocol_new(cls, sizeof(tw_protocol));
}

static int bound(const char *folder, const char *name, struct sockaddr_un *addr)
{
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    memset(addr, 0, sizeof *addr);
    addr->sun_family = AF_UNIX;
    snprintf(addr->sun_path, sizeof addr->sun_path, "%s/%s", folder, name);
    if (fd < 0 || bind(fd, (struct sockaddr *)addr, sizeof *addr) < 0) {
        perror("bind");
        exit(1);
    }
    return fd;
}

struct main_frame { tw_coro co; char folder[64]; int a, b; tw_transport *receiver; };

static tw_step main_body(tw_coro *co)
{
    struct main_frame *f = (struct main_frame *)co;
    tw_loop *loop = tw_get_running_loop();
    struct sockaddr_un addr;
    char buf[DATAGRAM + 1];
    size_t low, high;
    long sent = 0;
    TW_BEGIN(co);
    strcpy(f->folder, "/tmp/tower-dgram-XXXXXX");
    if (mkdtemp(f->folder) == NULL)
        TW_RAISE(co, tw_error_os(errno, "mkdtemp"));
    f->a = bound(f->folder, "a", &addr);
    f->b = bound(f->folder, "b", &addr);
    if (connect(f->a, (struct sockaddr *)&addr, sizeof addr) < 0)
        TW_RAISE(co, tw_error_os(errno, "connect"));
    all_in = tw_future_new(loop);
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, factory, (void *)&sender_class,
                 &(tw_datagram_options){ .use_sock = true, .sock = f->a }));
    sender = TW_RESULT(co).p;
    TW_AWAIT(co, tw_create_datagram_endpoint(loop, factory, (void *)&receiver_class,
                 &(tw_datagram_options){ .use_sock = true, .sock = f->b }));
    f->receiver = TW_RESULT(co).p;
    tw_transport_set_write_buffer_limits(sender, 1000, TW_LIMIT_DEFAULT);
    tw_transport_get_write_buffer_limits(sender, &low, &high);
    printf("limits: (%zu, %zu)\n", low, high);
    while (tw_transport_get_write_buffer_size(sender) == 0 && sent < 100000) {
        datagram(sent++, buf);
        tw_transport_sendto(sender, buf, DATAGRAM, NULL);
    }
    printf("sendto buffers once the socket is full: %s\n",
           tw_bool_str(tw_transport_get_write_buffer_size(sender) == DATAGRAM));
    for (int i = 0; i < 20; i++) {
        datagram(sent++, buf);
        tw_transport_sendto(sender, buf, DATAGRAM, NULL);
    }
    printf("buffered after 20 more: %zu\n", tw_transport_get_write_buffer_size(sender));
    expected = sent;
    TW_AWAIT(co, tw_ref(all_in));
    printf("every datagram arrived, in order: %s\n", tw_bool_str(in_order && received == expected));
    printf("write buffer at the end: %zu\n", tw_transport_get_write_buffer_size(sender));
    tw_transport_close(sender);
    tw_transport_close(f->receiver);
    TW_AWAIT(co, tw_sleep(0));
    tw_unref(sender);
    tw_unref(f->receiver);
    tw_unref(all_in);
    snprintf(buf, sizeof buf, "%s/a", f->folder);
    unlink(buf);
    snprintf(buf, sizeof buf, "%s/b", f->folder);
    unlink(buf);
    rmdir(f->folder);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(struct main_frame)), NULL));
}
