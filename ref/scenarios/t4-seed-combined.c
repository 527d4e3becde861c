#line 21 "chapters/tier4-seed.nw"
#include <stdio.h>
#include "tower.h"

static tw_step fetch_data(tw_coro *co)
{
    TW_BEGIN(co);
    printf("📥 Fetching data...\n");
    TW_AWAIT(co, tw_sleep(2));
    printf("✅ Data fetched\n");
    TW_RETURN(co, TW_STR("Data"));
    TW_END(co);
}

struct process { tw_coro co; const char *data; };

static tw_step process_data(tw_coro *co)
{
    struct process *f = (struct process *)co;
    TW_BEGIN(co);
    printf("🔄 Processing %s...\n", f->data);
    TW_AWAIT(co, tw_sleep(1));
    printf("✅ Data processed\n");
    TW_END(co);
}

static tw_step main_body(tw_coro *co)
{
    struct process *p;
    TW_BEGIN(co);
    TW_AWAIT(co, tw_create_task(tw_coro_call(fetch_data), NULL));
    p = tw_coro_new(process_data, sizeof *p);
    p->data = TW_RESULT(co).s;
    TW_AWAIT(co, tw_create_task(&p->co, NULL));
    TW_END(co);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    return tw_report_uncaught(tw_run(tw_coro_new(main_body, sizeof(tw_coro)), NULL));
}
