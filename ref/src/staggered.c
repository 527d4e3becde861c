#line 143 "chapters/tier7-happy-eyeballs.nw"
/* staggered.c -- connecting to one of several addresses: asyncio's
   staggered_race and happy eyeballs (see the book, tier 7) */
#include "tier7.h"
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#line 171 "chapters/tier7-happy-eyeballs.nw"
int tw__new_socket(int family, int type, int protocol)
{
    return socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
}
#line 184 "chapters/tier7-happy-eyeballs.nw"
void tw_interleave_addrinfos(tw_addrinfo_list *list, int first_family_count)
{
    size_t n = list->n, k = 0, nfamilies = 0;
    tw_addrinfo *out;
    int *families;
    bool *taken;
    if (first_family_count == 0 || n < 2)
        return;
    out = tw__alloc(n * sizeof *out);
    families = tw__alloc(n * sizeof *families);
    taken = tw__alloc(n * sizeof *taken);
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < nfamilies && families[j] != list->ai[i].family)
            j++;
        if (j == nfamilies)
            families[nfamilies++] = list->ai[i].family;
    }
    for (size_t i = 0; i < n && (long)k < (long)first_family_count - 1; i++)
        if (list->ai[i].family == families[0]) {
            out[k++] = list->ai[i];
            taken[i] = true;
        }
    while (k < n)
        for (size_t j = 0; j < nfamilies; j++)
            for (size_t i = 0; i < n; i++)
                if (!taken[i] && list->ai[i].family == families[j]) {
                    out[k++] = list->ai[i];
                    taken[i] = true;
                    break;
                }
    memcpy(list->ai, out, n * sizeof *out);
    free(out);
    free(families);
    free(taken);
}
#line 227 "chapters/tier7-happy-eyeballs.nw"
tw_error *tw__combined_connect_error(tw_error *const *errors, size_t n)
{
    size_t len = 0;
    char *msg;
    tw_error *e;
    bool same = true;
    for (size_t i = 1; i < n; i++)
        same = same && strcmp(tw_error_str(errors[i]), tw_error_str(errors[0])) == 0;
    if (same)
        return tw_ref(errors[0]);
    for (size_t i = 0; i < n; i++)
        len += strlen(tw_error_str(errors[i])) + 2;
    msg = tw__alloc(len + sizeof "Multiple exceptions: ");
    strcpy(msg, "Multiple exceptions: ");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(msg, ", ");
        strcat(msg, tw_error_str(errors[i]));
    }
    e = tw_error_new(TW_ERR_OS, "%s", msg);
    free(msg);
    return e;
}
#line 269 "chapters/tier7-happy-eyeballs.nw"
struct errors {
    tw_error **e;
    size_t n;
};

struct race {
    int holders;
    tw_loop *loop;
    tw_addrinfo_list *infos;              /* the race's own copy */
    tw_addrinfo_list *local;              /* local_addr's addresses, or NULL */
    double delay;                         /* TW_FOREVER: one after the other */
    size_t started, running;
    tw_task **tasks;                      /* by attempt; NULL once the frame dropped them */
    struct errors *errors;                /* by attempt */
    tw_handle *timer;                     /* starts the next attempt after the delay */
    tw_future *settled;
    int fd;
};

static void note_error(struct race *r, size_t i, tw_error *e)
{
    struct errors *list = &r->errors[i];
    list->e = tw__realloc(list->e, (list->n + 1) * sizeof *list->e);
    list->e[list->n++] = e;
}

static void race_release(struct race *r)
{
    if (--r->holders > 0)
        return;
    for (size_t i = 0; i < r->infos->n; i++) {
        for (size_t j = 0; j < r->errors[i].n; j++)
            tw_unref(r->errors[i].e[j]);
        free(r->errors[i].e);
    }
    free(r->errors);
    free(r->tasks);
    free(r->infos);
    free(r->local);
    free(r);
}

static bool race_over(const struct race *r)
{
    return r->settled == NULL || tw_future_done(r->settled);
}

static void race_disarm(struct race *r)
{
    if (r->timer == NULL)
        return;
    tw_handle_cancel(r->timer);
    tw_handle_release(r->timer);
    r->timer = NULL;
}
#line 337 "chapters/tier7-happy-eyeballs.nw"
static const char *family_repr(int family)
{
    switch (family) {
    case AF_INET: return "<AddressFamily.AF_INET: 2>";
    case AF_INET6: return "<AddressFamily.AF_INET6: 10>";
    case AF_UNIX: return "<AddressFamily.AF_UNIX: 1>";
    default: return "?";
    }
}

static bool bind_locally(struct race *r, size_t i, int fd)
{
    const tw_addrinfo_list *local = r->local;
    int family = r->infos->ai[i].family;
    size_t noted = r->errors[i].n;
    for (size_t j = 0; j < local->n; j++) {
        const tw_sockaddr *laddr = &local->ai[j].addr;
        char where[TW_ADDRSTRLEN], why[128];
        if (local->ai[j].family != family)
            continue;
        if (bind(fd, &laddr->u.sa, laddr->len) == 0)
            return true;
        snprintf(why, sizeof why, "%s", strerror(errno));
        for (char *c = why; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        note_error(r, i, tw_error_os(errno, "error while attempting to bind on address %s: %s",
                                     tw_sockaddr_str(laddr, where), why));
    }
    if (r->errors[i].n == noted)
        note_error(r, i, tw_error_new(TW_ERR_OS, "no matching local address with family=%s found",
                                      family_repr(family)));
    return false;
}
#line 382 "chapters/tier7-happy-eyeballs.nw"
static void attempt_failed(struct race *r, size_t i);
static void attempt_won(struct race *r, size_t i, int fd);

struct attempt {
    tw_coro co;
    struct race *race;
    size_t index;
    int fd;
};

static void attempt_cleanup(tw_coro *co)
{
    struct attempt *a = (struct attempt *)co;
    if (a->fd >= 0)
        close(a->fd);
    race_release(a->race);
}

static tw_step attempt_body(tw_coro *co)
{
    struct attempt *a = (struct attempt *)co;
    const tw_addrinfo *ai = &a->race->infos->ai[a->index];
    TW_BEGIN(co);
    a->fd = tw__new_socket(ai->family, ai->socktype, ai->protocol);
    if (a->fd < 0) {
        note_error(a->race, a->index, tw_error_os(errno, NULL));
        attempt_failed(a->race, a->index);
        TW_RETURN(co, TW_NONE);
    }
    if (a->race->local && !bind_locally(a->race, a->index, a->fd)) {
        close(a->fd);
        a->fd = -1;
        attempt_failed(a->race, a->index);
        TW_RETURN(co, TW_NONE);
    }
    TW_AWAIT_TRY(co, tw_sock_connect(a->race->loop, a->fd, &ai->addr));
    if (TW_ERROR(co) && tw_error_is(TW_ERROR(co), TW_ERR_CANCELLED))
        TW_RERAISE(co);
    if (TW_ERROR(co)) {
        close(a->fd);
        a->fd = -1;
        note_error(a->race, a->index, TW_TAKE_ERROR(co));
        attempt_failed(a->race, a->index);
    } else {
        attempt_won(a->race, a->index, a->fd);
        a->fd = -1;
    }
    TW_END(co);
}

static tw_coro *attempt_new(struct race *r, size_t i)
{
    struct attempt *a = tw_coro_new(attempt_body, sizeof *a);
    a->co.cleanup = attempt_cleanup;
    a->race = r;
    a->index = i;
    a->fd = -1;
    r->holders++;
    return &a->co;
}
#line 459 "chapters/tier7-happy-eyeballs.nw"
static tw_error *delay_passed(void *arg);

static void race_start_next(struct race *r)
{
    size_t i = r->started++;
    r->running++;
    r->tasks[i] = tw_loop_create_task(r->loop, attempt_new(r, i), NULL);
    if (r->started < r->infos->n && r->delay != TW_FOREVER)
        tw_call_later(r->loop, r->delay, delay_passed, r, &r->timer);
}

static tw_error *delay_passed(void *arg)
{
    struct race *r = arg;
    tw_handle_release(r->timer);
    r->timer = NULL;
    race_start_next(r);
    return NULL;
}

static void attempt_failed(struct race *r, size_t i)
{
    r->running--;
    if (race_over(r))
        return;
    if (i + 1 == r->started && r->started < r->infos->n) {
        race_disarm(r);
        race_start_next(r);
    } else if (r->started == r->infos->n && r->running == 0) {
        struct errors all = { 0 };
        for (size_t j = 0; j < r->infos->n; j++) {
            all.e = tw__realloc(all.e, (all.n + r->errors[j].n) * sizeof *all.e);
            for (size_t k = 0; k < r->errors[j].n; k++)
                all.e[all.n++] = r->errors[j].e[k];
        }
        tw_future_set_exception(r->settled, tw__combined_connect_error(all.e, all.n));
        free(all.e);
    }
}

static void attempt_won(struct race *r, size_t i, int fd)
{
    r->running--;
    if (race_over(r)) {
        close(fd);
        return;
    }
    r->fd = fd;
    race_disarm(r);
    for (size_t j = 0; j < r->started; j++)
        if (j != i)
            tw_task_cancel(r->tasks[j], NULL);
    tw_future_set_result(r->settled, TW_NONE);
}
#line 525 "chapters/tier7-happy-eyeballs.nw"
struct race_frame {
    tw_coro co;
    struct race *race;
};

static void race_cleanup(tw_coro *co)
{
    struct race *r = ((struct race_frame *)co)->race;
    race_disarm(r);
    for (size_t i = 0; i < r->started; i++) {
        tw_task_cancel(r->tasks[i], NULL);
        tw_unref(r->tasks[i]);
        r->tasks[i] = NULL;
    }
    if (r->fd >= 0)
        close(r->fd);
    tw_unref(r->settled);
    r->settled = NULL;
    race_release(r);
}

static tw_step race_body(tw_coro *co)
{
    struct race *r = ((struct race_frame *)co)->race;
    int fd;
    TW_BEGIN(co);
    if (r->infos->n == 0)
        TW_RAISE(co, tw_error_new(TW_ERR_OS, "getaddrinfo() returned empty list"));
    r->settled = tw_future_new(r->loop);
    race_start_next(r);
    TW_AWAIT(co, tw_ref(r->settled));
    fd = r->fd;
    r->fd = -1;
    TW_RETURN(co, TW_INT(fd));
    TW_END(co);
}

static tw_addrinfo_list *addrinfo_list_copy(const tw_addrinfo_list *list)
{
    size_t size = sizeof *list + list->n * sizeof list->ai[0];
    tw_addrinfo_list *copy = tw__alloc(size);
    memcpy(copy, list, size);
    return copy;
}

tw_coro *tw_sock_connect_staggered(tw_loop *L, const tw_addrinfo_list *infos,
                                   const tw_addrinfo_list *local,
                                   const tw_connect_options *options)
{
    static const tw_connect_options none;
    struct race_frame *f = tw_coro_new(race_body, sizeof *f);
    struct race *r = tw__alloc(sizeof *r);
    int interleave;
    if (options == NULL)
        options = &none;
    interleave = options->interleave == 0 && options->happy_eyeballs ? 1 : options->interleave;
    f->co.cleanup = race_cleanup;
    f->race = r;
    r->holders = 1;
    r->loop = L;
    r->infos = addrinfo_list_copy(infos);
    r->local = local ? addrinfo_list_copy(local) : NULL;
    tw_interleave_addrinfos(r->infos, interleave);
    r->delay = options->happy_eyeballs ? options->happy_eyeballs_delay : TW_FOREVER;
    r->tasks = tw__alloc((infos->n + 1) * sizeof *r->tasks);
    r->errors = tw__alloc((infos->n + 1) * sizeof *r->errors);
    r->fd = -1;
    return &f->co;
}
