#line 2627 "chapters/tier7-examples.nw"
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "tower.h"

static void report(const char *what, tw_error *e)
{
    if (strcmp(tw_error_type(e), "gaierror") == 0)
        printf("%s: gaierror, an OSError: %s\n", what, tw_bool_str(tw_error_is(e, TW_ERR_OS)));
}

static tw_step main_body(tw_coro *co)
{
    tw_loop *loop = tw_get_running_loop();
    tw_sockaddr a = { .len = sizeof(struct sockaddr_in) };
    char buf[TW_ADDRSTRLEN];
    a.u.in4.sin_family = AF_INET;
    a.u.in4.sin_port = htons(80);
    a.u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    TW_BEGIN(co);
    TW_AWAIT_TRY(co, tw_getaddrinfo(loop, "no-such-host.invalid", 80, AF_UNSPEC, SOCK_STREAM,
                                    0, 0));
    if (TW_ERROR(co) == NULL)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "a .invalid name resolved"));
    report("getaddrinfo", TW_ERROR(co));
    TW_AWAIT_TRY(co, tw_getnameinfo(loop, &a, NI_NUMERICHOST | NI_NAMEREQD));
    if (TW_ERROR(co) == NULL)
        TW_RAISE(co, tw_error_new(TW_ERR_RUNTIME, "getnameinfo found a name it may not"));
    report("getnameinfo", TW_ERROR(co));
    TW_AWAIT(co, tw_getaddrinfo(loop, "localhost", 80, AF_INET, SOCK_STREAM, 0, 0));
    {
        tw_addrinfo_list *list = TW_RESULT(co).p;
        printf("the loop resolves again: %s\n", tw_sockaddr_str(&list->ai[0].addr, buf));
        free(list);
    }
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
