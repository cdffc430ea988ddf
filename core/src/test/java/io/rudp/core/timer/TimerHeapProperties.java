package io.rudp.core.timer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The heap against a list searched by hand: after any sequence of deadline changes (earlier, later,
 * unchanged, NONE), removals and re-insertions, it reports the earliest deadline, each entry knows
 * its own index, and it drains in deadline order, across the wrap of the nanosecond clock too.
 */
class TimerHeapProperties
{
    /** Deadlines near the wrap, so that "earlier" must be the wrap-safe comparison. */
    private static final long BASE_NS = Long.MAX_VALUE - 500;

    private static final class Item implements TimerHeap.Entry
    {
        long deadlineNs = TimerTable.NONE;
        int index = -1;

        @Override
        public long heapDeadlineNs()
        {
            return deadlineNs;
        }

        @Override
        public int heapIndex()
        {
            return index;
        }

        @Override
        public void heapIndex(final int index)
        {
            this.index = index;
        }
    }

    /** One step: entry {@code item} gets {@code deadlineNs} (or NONE), then is updated, or removed. */
    record Step(int item, long deadlineNs, boolean remove)
    {
    }

    @Provide
    Arbitrary<List<Step>> steps()
    {
        final Arbitrary<Long> deadlines = Arbitraries.oneOf(
            Arbitraries.longs().between(0, 1_000).map(offset -> BASE_NS + offset), // wraps past MAX_VALUE
            Arbitraries.just(TimerTable.NONE));
        return Combinators.combine(Arbitraries.integers().between(0, 39), deadlines, Arbitraries.integers().between(0, 9))
            .as((item, deadline, dice) -> new Step(item, deadline, dice == 0))
            .list().ofMaxSize(400);
    }

    @Property(tries = 300)
    void alwaysAgreesWithASearchOfEveryEntry(@ForAll("steps") final List<Step> steps)
    {
        final TimerHeap<Item> heap = new TimerHeap<>();
        final List<Item> items = new ArrayList<>();
        for (int i = 0; i < 40; i++)
        {
            items.add(new Item());
        }
        for (final Step step : steps)
        {
            final Item item = items.get(step.item());
            if (step.remove())
            {
                heap.remove(item);
                item.deadlineNs = TimerTable.NONE; // out of the heap: no deadline to keep
            }
            else
            {
                item.deadlineNs = step.deadlineNs();
                heap.update(item);
            }
            assertEquals(earliest(items), heap.minDeadlineNs());
            assertEquals(items.stream().filter(it -> it.deadlineNs != TimerTable.NONE).count(), heap.size());
        }
        long previousNs = Long.MIN_VALUE;
        boolean first = true;
        while (heap.size() > 0)
        {
            final Item next = heap.peek();
            assertEquals(earliest(items), next.deadlineNs);
            if (!first)
            {
                assertEquals(false, Deadlines.before(next.deadlineNs, previousNs), "drains in deadline order");
            }
            first = false;
            previousNs = next.deadlineNs;
            next.deadlineNs = TimerTable.NONE;
            heap.update(next);
            assertEquals(-1, next.index);
        }
        assertNull(heap.peek());
    }

    @Test
    void anUpdateWithTheDeadlineUnchangedLeavesEverythingInPlace()
    {
        final TimerHeap<Item> heap = new TimerHeap<>();
        final Item early = new Item();
        final Item late = new Item();
        early.deadlineNs = 10;
        late.deadlineNs = 20;
        heap.update(late);
        heap.update(early);
        heap.update(early);
        heap.update(late);
        assertSame(early, heap.peek());
        assertEquals(0, early.index);
        assertEquals(1, late.index);
        late.deadlineNs = 5;
        heap.update(late);
        assertSame(late, heap.peek(), "an earlier deadline moves up");
        assertEquals(1, early.index);
    }

    private static long earliest(final List<Item> items)
    {
        long earliestNs = TimerTable.NONE;
        for (final Item item : items)
        {
            earliestNs = Deadlines.earlier(earliestNs, item.deadlineNs);
        }
        return earliestNs;
    }
}
