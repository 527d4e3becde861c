#line 2535 "chapters/tier7-examples.nw"
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include "tower.h"

static const char *family_name(int family)
{
    return family == AF_INET ? "AF_INET" : family == AF_INET6 ? "AF_INET6" : "AF_UNIX";
}

static const char *type_name(int type)
{
    return type == SOCK_STREAM ? "SOCK_STREAM" : type == SOCK_DGRAM ? "SOCK_DGRAM" : "SOCK_RAW";
}

static void show(const char *what, tw_addrinfo_list *list)
{
    char buf[TW_ADDRSTRLEN];
    printf("%s:\n", what);
    for (size_t i = 0; i < list->n; i++)
        printf("  %s %s %d '%s' %s\n", family_name(list->ai[i].family),
               type_name(list->ai[i].socktype), list->ai[i].protocol,
               i == 0 ? list->canonname : "", tw_sockaddr_str(&list->ai[i].addr, buf));
    free(list);
}

static void show_name(const char *what, tw_nameinfo *ni)
{
    printf("%s: ('%s', '%s')\n", what, ni->host, ni->service);
    free(ni);
}

static tw_error *ran(void *arg)
{
    (void)arg;
    puts("the loop ran a callback while the resolver worked");
    return NULL;
}

static tw_sockaddr loopback_80(void)
{
    tw_sockaddr a = { .len = sizeof(struct sockaddr_in) };
    a.u.in4.sin_family = AF_INET;
    a.u.in4.sin_port = htons(80);
    a.u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    tw_sockaddr a = loopback_80();
    TW_BEGIN(co);
    tw_call_soon(loop, ran, NULL, NULL);
    TW_AWAIT(co, tw_getaddrinfo(loop, "localhost", 80, AF_INET, SOCK_STREAM, 0, 0));
    show("localhost, AF_INET, SOCK_STREAM", TW_RESULT(co).p);
    TW_AWAIT(co, tw_getaddrinfo(loop, "::1", 8080, AF_UNSPEC, SOCK_DGRAM, 0, 0));
    show("::1, SOCK_DGRAM", TW_RESULT(co).p);
    TW_AWAIT(co, tw_getaddrinfo(loop, "127.0.0.1", 7, AF_INET, SOCK_STREAM, 0, AI_CANONNAME));
    show("127.0.0.1, AI_CANONNAME", TW_RESULT(co).p);
    TW_AWAIT(co, tw_getaddrinfo(loop, NULL, 8888, AF_INET, SOCK_STREAM, 0, AI_PASSIVE));
    show("None, AI_PASSIVE", TW_RESULT(co).p);
    TW_AWAIT(co, tw_getnameinfo(loop, &a, NI_NUMERICHOST | NI_NUMERICSERV));
    show_name("getnameinfo numeric", TW_RESULT(co).p);
    TW_AWAIT(co, tw_getnameinfo(loop, &a, NI_NUMERICSERV));
    show_name("getnameinfo by name", TW_RESULT(co).p);
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
