#line 4074 "chapters/tier7-transports.nw"
/* resolve.c -- getaddrinfo and getnameinfo in the default executor */
#include "tier7.h"
#include <errno.h>
#include <netdb.h>

#line 4102 "chapters/tier7-transports.nw"
tw_error *tw__gai_error(int rc)
{
    if (rc == EAI_SYSTEM)
        return tw_error_os(errno, NULL);
    return tw__error_named(tw_error_new(TW_ERR_OS, "[Errno %d] %s", rc, gai_strerror(rc)),
                           "gaierror");
}

struct addrinfo_request {
    int port, family, type, proto, flags;
    char host[];                          /* "": Python's None */
};

static int ask_getaddrinfo(const struct addrinfo_request *rq, tw_bytes **answer)
{
    struct addrinfo hints = { .ai_family = rq->family, .ai_socktype = rq->type,
                              .ai_protocol = rq->proto, .ai_flags = rq->flags };
    struct addrinfo *res, *ai;
    tw_addrinfo_list *list;
    char service[16];
    size_t n = 0;
    int rc;
    snprintf(service, sizeof service, "%d", rq->port);
    if ((rc = getaddrinfo(rq->host[0] ? rq->host : NULL, service, &hints, &res)) != 0)
        return rc;
    for (ai = res; ai; ai = ai->ai_next)
        n++;
    *answer = tw_bytes_new(NULL, sizeof *list + n * sizeof list->ai[0]);
    list = (tw_addrinfo_list *)(void *)(*answer)->data;
    if (res && res->ai_canonname)
        snprintf(list->canonname, sizeof list->canonname, "%s", res->ai_canonname);
    for (ai = res; ai; ai = ai->ai_next) {
        tw_addrinfo *e = &list->ai[list->n++];
        e->family = ai->ai_family;
        e->socktype = ai->ai_socktype;
        e->protocol = ai->ai_protocol;
        memcpy(&e->addr.u, ai->ai_addr, ai->ai_addrlen);
        e->addr.len = ai->ai_addrlen;
    }
    freeaddrinfo(res);
    return 0;
}

static tw_error *lookup_addresses(const void *request, size_t len, tw_bytes **answer)
{
    int rc = ask_getaddrinfo(request, answer);
    (void)len;
    return rc ? tw__gai_error(rc) : NULL;
}

struct nameinfo_request {
    tw_sockaddr addr;
    int flags;
};

static tw_error *lookup_name(const void *request, size_t len, tw_bytes **answer)
{
    const struct nameinfo_request *rq = request;
    tw_nameinfo *ni;
    int rc;
    (void)len;
    *answer = tw_bytes_new(NULL, sizeof *ni);
    ni = (tw_nameinfo *)(void *)(*answer)->data;
    rc = getnameinfo(&rq->addr.u.sa, rq->addr.len, ni->host, sizeof ni->host,
                     ni->service, sizeof ni->service, rq->flags);
    if (rc == 0)
        return NULL;
    tw_bytes_free(*answer);
    *answer = NULL;
    return tw__gai_error(rc);
}
#line 4178 "chapters/tier7-transports.nw"
static void *answer_copy(const tw_bytes *answer)
{
    void *copy = tw__alloc(answer->len);
    memcpy(copy, answer->data, answer->len);
    return copy;
}
#line 4193 "chapters/tier7-transports.nw"
struct resolver_call {
    tw_coro co;
    tw_loop *loop;
    tw_bytes_fn fn;
    void *request;
    size_t len;
    tw_future *fut;
};

static void resolver_call_cleanup(tw_coro *co)
{
    struct resolver_call *f = (struct resolver_call *)co;
    free(f->request);
    tw_unref(f->fut);
}

static tw_step resolver_call_body(tw_coro *co)
{
    struct resolver_call *f = (struct resolver_call *)co;
    tw_error *err;
    TW_BEGIN(co);
    err = tw_run_in_executor_bytes(f->loop, NULL, f->fn, f->request, f->len, &f->fut);
    if (err)
        TW_RAISE(co, err);
    TW_AWAIT(co, tw_ref(f->fut));
    TW_RETURN(co, TW_PTR(answer_copy(TW_RESULT(co).p)));
    TW_END(co);
}

static tw_coro *resolver_call(tw_loop *L, tw_bytes_fn fn, void *request, size_t len)
{
    struct resolver_call *f = tw_coro_new(resolver_call_body, sizeof *f);
    f->co.cleanup = resolver_call_cleanup;
    f->loop = L;
    f->fn = fn;
    f->request = request;
    f->len = len;
    return &f->co;
}
#line 4235 "chapters/tier7-transports.nw"
static struct addrinfo_request *addrinfo_request_new(const char *host, int port, int family,
                                                     int type, int proto, int flags,
                                                     size_t *len)
{
    size_t n = host ? strlen(host) : 0;
    struct addrinfo_request *rq = tw__alloc(*len = sizeof *rq + n + 1);
    rq->port = port;
    rq->family = family;
    rq->type = type;
    rq->proto = proto;
    rq->flags = flags;
    if (n)
        memcpy(rq->host, host, n);
    return rq;
}

tw_coro *tw_getaddrinfo(tw_loop *L, const char *host, int port, int family, int type,
                        int proto, int flags)
{
    size_t len;
    struct addrinfo_request *rq = addrinfo_request_new(host, port, family, type, proto, flags,
                                                       &len);
    return resolver_call(L, lookup_addresses, rq, len);
}

tw_coro *tw_getnameinfo(tw_loop *L, const tw_sockaddr *addr, int flags)
{
    struct nameinfo_request *rq = tw__alloc(sizeof *rq);
    rq->addr = *addr;
    rq->flags = flags;
    return resolver_call(L, lookup_name, rq, sizeof *rq);
}
#line 4279 "chapters/tier7-transports.nw"
struct resolve_host_frame {
    tw_coro co;
    tw_loop *loop;
    struct addrinfo_request *rq;
    size_t len;
};

static void resolve_host_cleanup(tw_coro *co)
{
    free(((struct resolve_host_frame *)co)->rq);
}

static tw_coro *lookup_by_name(struct resolve_host_frame *f)
{
    struct addrinfo_request *rq = f->rq;
    f->rq = NULL;                         /* the call's from now on */
    return resolver_call(f->loop, lookup_addresses, rq, f->len);
}

static tw_step resolve_host_body(tw_coro *co)
{
    struct resolve_host_frame *f = (struct resolve_host_frame *)co;
    TW_BEGIN(co);
    {
        tw_bytes *answer;
        int rc;
        f->rq->flags |= AI_NUMERICHOST;
        rc = ask_getaddrinfo(f->rq, &answer);
        f->rq->flags &= ~AI_NUMERICHOST;
        if (rc == 0) {
            void *list = answer_copy(answer);
            tw_bytes_free(answer);
            TW_RETURN(co, TW_PTR(list));
        }
        if (rc != EAI_NONAME || f->rq->host[0] == '\0')
            TW_RAISE(co, tw__gai_error(rc));
    }
    TW_AWAIT(co, lookup_by_name(f));
    TW_RETURN(co, TW_RESULT(co));
    TW_END(co);
}

tw_coro *tw__resolve_host(tw_loop *L, const char *host, int port, int family, int type,
                          int flags)
{
    struct resolve_host_frame *f = tw_coro_new(resolve_host_body, sizeof *f);
    f->co.cleanup = resolve_host_cleanup;
    f->loop = L;
    f->rq = addrinfo_request_new(host, port, family, type, 0, flags, &f->len);
    return &f->co;
}
