package io.rudp.core.buffer;

/**
 * The bytes of buffer that every connection of one or more endpoints may hold together: receive
 * rings (in-order and out-of-order data) and send rings. One budget per event loop; single-threaded,
 * like the endpoints that share it.
 *
 * <p>Each connection holds an {@link Account}. Growth is granted while the total stays under the
 * limit; once more than 3/4 of it is used the budget is <em>under pressure</em> and, as Linux does
 * under {@code tcp_mem} pressure:
 * <ul>
 *   <li>out-of-order data gets no new memory (it was never acknowledged, and can be resent), and a
 *       connection holding more than its share has its out-of-order data pruned;</li>
 *   <li>a connection grows no further past its fair share (3/4 of the limit over the number of
 *       accounts), so one peer cannot take what the others need, and the last quarter stays for
 *       connections still to come; windows stop growing and shrink to what is already allocated;</li>
 *   <li>growth that no window promised stops at 7/8 of the limit, whatever the shares.</li>
 * </ul>
 * Past 15/16 of the limit the budget is <em>full</em>: endpoints refuse new connections. In-order
 * data that a window already promised is refused only at the hard limit.
 */
public final class MemoryBudget
{
    private final long limitBytes;
    private long usedBytes;
    private int accounts;
    private long refusals;

    /**
     * A budget of {@code limitBytes} (at least 1 MiB).
     *
     * @param limitBytes the budget
     */
    public MemoryBudget(final long limitBytes)
    {
        if (limitBytes < (1 << 20))
        {
            throw new IllegalArgumentException("memory budget must be at least 1 MiB: " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /**
     * A budget that never refuses (engines driven by hand, tests, benchmarks).
     *
     * @return a budget that never refuses
     */
    public static MemoryBudget unlimited()
    {
        return new MemoryBudget(Long.MAX_VALUE / 4);
    }

    /**
     * {@return the budget in bytes}
     */
    public long limitBytes()
    {
        return limitBytes;
    }

    /**
     * {@return bytes held by all accounts now}
     */
    public long usedBytes()
    {
        return usedBytes;
    }

    /**
     * Growth requests refused so far.
     *
     * @return the count
     */
    public long refusals()
    {
        return refusals;
    }

    /**
     * More than 3/4 of the limit is used.
     *
     * @return whether it is
     */
    public boolean underPressure()
    {
        return usedBytes > limitBytes - limitBytes / 4;
    }

    /**
     * More than 15/16 of the limit is used: no room for new connections.
     *
     * @return whether it is
     */
    public boolean full()
    {
        return usedBytes > limitBytes - limitBytes / 16;
    }

    /**
     * What one connection may hold once the budget is under pressure.
     *
     * @return bytes per account
     */
    public long fairShareBytes()
    {
        return (limitBytes - limitBytes / 4) / Math.max(1, accounts);
    }

    /**
     * Opens an account for one connection.
     *
     * @return the new account
     */
    public Account open()
    {
        accounts++;
        return new Account(this);
    }

    /** One connection's share of the budget: what its rings hold. */
    public static final class Account
    {
        private final MemoryBudget budget;
        private long heldBytes;
        private boolean closed;

        private Account(final MemoryBudget budget)
        {
            this.budget = budget;
        }

        /**
         * {@return bytes this account holds now}
         */
        public long heldBytes()
        {
            return heldBytes;
        }

        /**
         * {@return the budget this account draws on}
         */
        public MemoryBudget budget()
        {
            return budget;
        }

        /**
         * Asks for {@code bytes} more. {@code promised} growth (in-order data inside a window already
         * advertised) is refused only at the hard limit; anything else also under pressure once
         * this account holds its fair share or the total would pass 7/8 of the limit, and
         * out-of-order data ({@code outOfOrder}) under any pressure at all. The fair share alone
         * did not keep room for new connections: accounts that grew before the pressure began
         * hold more than theirs, and newer ones growing to theirs took the total past 15/16.
         */
        boolean tryGrow(final int bytes, final boolean promised, final boolean outOfOrder)
        {
            final MemoryBudget b = budget;
            final boolean refused = b.usedBytes + bytes > b.limitBytes
                || (!promised && b.underPressure() && (outOfOrder || heldBytes + bytes > b.fairShareBytes()
                    || b.usedBytes + bytes > b.limitBytes - b.limitBytes / 8));
            if (refused)
            {
                b.refusals++;
                return false;
            }
            b.usedBytes += bytes;
            heldBytes += bytes;
            return true;
        }

        /** Takes {@code bytes} whatever the budget says: the few KiB every connection starts with. */
        void grow(final int bytes)
        {
            budget.usedBytes += bytes;
            heldBytes += bytes;
        }

        void shrink(final int bytes)
        {
            budget.usedBytes -= bytes;
            heldBytes -= bytes;
        }

        /** The connection is gone: everything it held returns to the budget. */
        public void close()
        {
            if (!closed)
            {
                closed = true;
                budget.usedBytes -= heldBytes;
                heldBytes = 0;
                budget.accounts--;
            }
        }
    }
}
