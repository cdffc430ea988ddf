/*
 * linkemu: an emulated WAN link between two network namespaces, in user space.
 *
 * It creates one TUN device in each namespace, reads every IP packet one side sends, and writes it
 * into the other side after the link has had its way with it:
 *   random loss  -> drop-tail queue (in packets) -> serialization at the link rate -> one-way delay
 *   (-> optionally: extra delay for a fraction of packets = reordering; a second copy = duplication)
 * Both directions get the same parameters and independent queues. Everything random comes from one
 * seeded generator (xorshift64*), so a run's losses are reproducible for the same arrival order.
 *
 * Why: this kernel has no netem, and tbf shapes but delays nothing. Where `tc qdisc ... netem` exists,
 * the same link is `netem delay D limit Q loss L rate R` on each veth end (see benchmarks/README.md).
 *
 * Bounded: at most MAX_HELD packets in flight per direction, packets up to 65535 bytes, and it exits
 * after --seconds. Statistics go to stdout on exit (SIGINT/SIGTERM or the time limit).
 *
 *   linkemu --ns-a NAME --ns-b NAME --dev NAME --delay-ms D --rate-mbit R --queue-pkts Q
 *           [--loss P] [--reorder P --reorder-ms X] [--dup P] [--seed S] [--seconds T] [--path-mtu B]
 *           [--timeline-ms N]
 *
 * --path-mtu B drops every IP packet longer than B bytes, silently and counted as lost: a tunnel or a
 * hop with a smaller MTU that sends no ICMP (a PMTU black hole), behind interfaces that carry more.
 *
 * --timeline-ms N prints, every N ms, the data direction's (a->b) idle wire time and deliveries in that
 * interval and its queue length: where a run lost time. STATS on exit include the total idle time.
 *
 * Prints "READY" once both devices exist (the caller then gives them addresses and brings them up).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define MAX_PACKET 65536
#define MAX_HELD 65536

typedef struct
{
    uint64_t deliver_ns;
    uint64_t order;
    uint32_t len;
    unsigned char *data;
} held_t;

/* One direction of the link: its queue, its wire, and the packets flying toward the far side. */
typedef struct
{
    const char *name;
    int in_fd;
    int out_fd;
    uint64_t wire_free_ns;       /* when the last queued packet finishes serialization */
    uint64_t *departures;        /* ring: departure times of packets still queued or on the wire */
    uint32_t dep_head, dep_count;
    held_t *heap;                /* min-heap by deliver time, then arrival order */
    uint32_t heap_size;
    uint64_t order;
    /* statistics */
    uint64_t received, delivered, lost, queue_drops, duplicated, reordered, overflow;
    double queue_delay_sum_ns;
    uint64_t queued;
    uint64_t idle_ns;            /* time the wire stood idle between packets, since the first */
} direction_t;

static double delay_ns, rate_bps, loss_p, reorder_p, reorder_ns, dup_p;
static uint32_t path_mtu; /* 0: no limit */
static uint32_t queue_pkts;
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static volatile sig_atomic_t stop;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static double rnd(void) /* uniform in [0, 1) */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 0x2545F4914F6CDD1DULL) >> 11) / 9007199254740992.0;
}

static int before(const held_t *a, const held_t *b)
{
    return a->deliver_ns < b->deliver_ns || (a->deliver_ns == b->deliver_ns && a->order < b->order);
}

static void heap_push(direction_t *d, held_t h)
{
    uint32_t i = d->heap_size++;
    d->heap[i] = h;
    while (i > 0)
    {
        uint32_t parent = (i - 1) / 2;
        if (!before(&d->heap[i], &d->heap[parent]))
        {
            break;
        }
        held_t t = d->heap[i];
        d->heap[i] = d->heap[parent];
        d->heap[parent] = t;
        i = parent;
    }
}

static held_t heap_pop(direction_t *d)
{
    held_t top = d->heap[0];
    d->heap[0] = d->heap[--d->heap_size];
    uint32_t i = 0;
    for (;;)
    {
        uint32_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < d->heap_size && before(&d->heap[l], &d->heap[m])) m = l;
        if (r < d->heap_size && before(&d->heap[r], &d->heap[m])) m = r;
        if (m == i) break;
        held_t t = d->heap[i];
        d->heap[i] = d->heap[m];
        d->heap[m] = t;
        i = m;
    }
    return top;
}

static void hold(direction_t *d, const unsigned char *pkt, uint32_t len, uint64_t deliver_ns)
{
    if (d->heap_size == MAX_HELD)
    {
        d->overflow++;
        return;
    }
    held_t h = {deliver_ns, d->order++, len, malloc(len)};
    if (h.data == NULL)
    {
        d->overflow++;
        return;
    }
    memcpy(h.data, pkt, len);
    heap_push(d, h);
}

/* A packet entered the link at t: loss, then the drop-tail queue, then the wire and the delay. */
static void on_packet(direction_t *d, const unsigned char *pkt, uint32_t len, uint64_t t)
{
    d->received++;
    /* Packets that finished serialization have left the queue. */
    while (d->dep_count > 0 && d->departures[d->dep_head] <= t)
    {
        d->dep_head = (d->dep_head + 1) % (queue_pkts + 1);
        d->dep_count--;
    }
    if ((loss_p > 0 && rnd() < loss_p) || (path_mtu > 0 && len > path_mtu))
    {
        d->lost++;
        return;
    }
    /* The packet on the wire is not in the queue: queue_pkts wait behind it at most. */
    if (d->dep_count > queue_pkts)
    {
        d->queue_drops++;
        return;
    }
    if (d->wire_free_ns > 0 && t > d->wire_free_ns)
    {
        d->idle_ns += t - d->wire_free_ns;
    }
    uint64_t start = d->wire_free_ns > t ? d->wire_free_ns : t;
    uint64_t departure = start + (uint64_t)(len * 8.0 * 1e9 / rate_bps);
    d->wire_free_ns = departure;
    d->departures[(d->dep_head + d->dep_count) % (queue_pkts + 1)] = departure;
    d->dep_count++;
    d->queue_delay_sum_ns += (double)(start - t);
    d->queued++;
    uint64_t deliver = departure + (uint64_t)delay_ns;
    if (reorder_p > 0 && rnd() < reorder_p)
    {
        deliver += (uint64_t)(rnd() * reorder_ns);
        d->reordered++;
    }
    hold(d, pkt, len, deliver);
    if (dup_p > 0 && rnd() < dup_p)
    {
        d->duplicated++;
        hold(d, pkt, len, deliver + 1000);
    }
}

static int open_tun_in(const char *ns, const char *dev)
{
    char path[256];
    snprintf(path, sizeof path, "/var/run/netns/%s", ns);
    int nsfd = open(path, O_RDONLY);
    if (nsfd < 0 || setns(nsfd, CLONE_NEWNET) < 0)
    {
        fprintf(stderr, "linkemu: cannot enter network namespace %s: %s\n", ns, strerror(errno));
        exit(1);
    }
    close(nsfd);
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK);
    if (fd < 0)
    {
        fprintf(stderr, "linkemu: /dev/net/tun: %s\n", strerror(errno));
        exit(1);
    }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", dev);
    if (ioctl(fd, TUNSETIFF, &ifr) < 0)
    {
        fprintf(stderr, "linkemu: TUNSETIFF %s in %s: %s\n", dev, ns, strerror(errno));
        exit(1);
    }
    return fd;
}

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static void report(const direction_t *d)
{
    printf("STATS %s received=%llu delivered=%llu lost=%llu queue_drops=%llu reordered=%llu duplicated=%llu"
           " overflow=%llu mean_queue_delay_ms=%.2f idle_ms=%.1f\n",
        d->name, (unsigned long long)d->received, (unsigned long long)d->delivered, (unsigned long long)d->lost,
        (unsigned long long)d->queue_drops, (unsigned long long)d->reordered, (unsigned long long)d->duplicated,
        (unsigned long long)d->overflow, d->queued ? d->queue_delay_sum_ns / d->queued / 1e6 : 0.0, d->idle_ns / 1e6);
}

static const char *arg(int argc, char **argv, const char *name, const char *fallback)
{
    for (int i = 1; i + 1 < argc; i++)
    {
        if (strcmp(argv[i], name) == 0)
        {
            return argv[i + 1];
        }
    }
    if (fallback == NULL)
    {
        fprintf(stderr, "linkemu: %s is required\n", name);
        exit(2);
    }
    return fallback;
}

int main(int argc, char **argv)
{
    const char *ns_a = arg(argc, argv, "--ns-a", NULL);
    const char *ns_b = arg(argc, argv, "--ns-b", NULL);
    const char *dev = arg(argc, argv, "--dev", "rwan0");
    delay_ns = atof(arg(argc, argv, "--delay-ms", NULL)) * 1e6;
    rate_bps = atof(arg(argc, argv, "--rate-mbit", NULL)) * 1e6;
    queue_pkts = (uint32_t)atoi(arg(argc, argv, "--queue-pkts", NULL));
    loss_p = atof(arg(argc, argv, "--loss", "0"));
    reorder_p = atof(arg(argc, argv, "--reorder", "0"));
    reorder_ns = atof(arg(argc, argv, "--reorder-ms", "0")) * 1e6;
    dup_p = atof(arg(argc, argv, "--dup", "0"));
    rng_state ^= strtoull(arg(argc, argv, "--seed", "1"), NULL, 10) * 0xD1B54A32D192ED03ULL;
    const double seconds = atof(arg(argc, argv, "--seconds", "600"));
    const uint64_t timeline_ns = (uint64_t)(atof(arg(argc, argv, "--timeline-ms", "0")) * 1e6);
    path_mtu = (uint32_t)atoi(arg(argc, argv, "--path-mtu", "0"));
    if (rate_bps <= 0 || queue_pkts < 1 || queue_pkts > MAX_HELD || seconds <= 0 || seconds > 3600)
    {
        fprintf(stderr, "linkemu: need --rate-mbit > 0, --queue-pkts in [1, %d], --seconds in (0, 3600]\n", MAX_HELD);
        return 2;
    }

    int fd_a = open_tun_in(ns_a, dev);
    int fd_b = open_tun_in(ns_b, dev);
    direction_t dirs[2] = {
        {.name = "a->b", .in_fd = fd_a, .out_fd = fd_b},
        {.name = "b->a", .in_fd = fd_b, .out_fd = fd_a},
    };
    for (int i = 0; i < 2; i++)
    {
        dirs[i].departures = calloc(queue_pkts + 1, sizeof(uint64_t));
        dirs[i].heap = calloc(MAX_HELD, sizeof(held_t));
        if (!dirs[i].departures || !dirs[i].heap)
        {
            fprintf(stderr, "linkemu: out of memory\n");
            return 1;
        }
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    printf("READY\n");
    fflush(stdout);

    static unsigned char buf[MAX_PACKET];
    const uint64_t start_ns = now_ns();
    const uint64_t end_ns = start_ns + (uint64_t)(seconds * 1e9);
    uint64_t timeline_next_ns = start_ns + timeline_ns;
    uint64_t timeline_idle_ns = 0, timeline_delivered = 0;
    struct pollfd pfd[2] = {{.fd = fd_a, .events = POLLIN}, {.fd = fd_b, .events = POLLIN}};
    while (!stop)
    {
        uint64_t t = now_ns();
        if (t >= end_ns)
        {
            break;
        }
        /* The data direction's idle time and deliveries per interval, for finding where a run lost time. */
        if (timeline_ns > 0 && t >= timeline_next_ns)
        {
            printf("TIMELINE t_ms=%.0f idle_ms=%.1f delivered=%llu queued=%u\n", (t - start_ns) / 1e6,
                (dirs[0].idle_ns - timeline_idle_ns) / 1e6, (unsigned long long)(dirs[0].delivered - timeline_delivered),
                dirs[0].dep_count);
            timeline_idle_ns = dirs[0].idle_ns;
            timeline_delivered = dirs[0].delivered;
            timeline_next_ns += timeline_ns;
        }
        /* Deliver everything due. */
        uint64_t next = timeline_ns > 0 && timeline_next_ns < end_ns ? timeline_next_ns : end_ns;
        for (int i = 0; i < 2; i++)
        {
            direction_t *d = &dirs[i];
            while (d->heap_size > 0 && d->heap[0].deliver_ns <= t)
            {
                held_t h = heap_pop(d);
                if (write(d->out_fd, h.data, h.len) == (ssize_t)h.len)
                {
                    d->delivered++;
                }
                free(h.data);
            }
            if (d->heap_size > 0 && d->heap[0].deliver_ns < next)
            {
                next = d->heap[0].deliver_ns;
            }
        }
        /* Wait for a packet or the next delivery, to the nanosecond (ppoll uses hrtimers). */
        uint64_t wait = next > t ? next - t : 0;
        struct timespec ts = {(time_t)(wait / 1000000000ULL), (long)(wait % 1000000000ULL)};
        int n = ppoll(pfd, 2, &ts, NULL);
        if (n < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            perror("linkemu: ppoll");
            break;
        }
        for (int i = 0; i < 2; i++)
        {
            if (!(pfd[i].revents & POLLIN))
            {
                continue;
            }
            /* Read what is waiting, a bounded batch per wakeup so the other side is served too. */
            for (int k = 0; k < 64; k++)
            {
                ssize_t len = read(pfd[i].fd, buf, sizeof buf);
                if (len <= 0)
                {
                    break;
                }
                on_packet(&dirs[i], buf, (uint32_t)len, now_ns());
            }
        }
    }
    report(&dirs[0]);
    report(&dirs[1]);
    return 0;
}
