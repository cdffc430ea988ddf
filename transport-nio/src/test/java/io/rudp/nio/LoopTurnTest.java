package io.rudp.nio;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One loop turn, without a thread, a selector or a socket, on a virtual clock. */
class LoopTurnTest
{
    private static final long T0 = -9_000_000_000L;

    private final AtomicLong nowNs = new AtomicLong(T0);
    private final LoopConfig config = LoopConfig.defaults();
    private final LoopTurn turn = new LoopTurn(config, nowNs::get);

    @Test
    void aTurnRunsAtMostItsShareOfCommandsAndTheRestNextTurn() throws IOException
    {
        final int[] ran = new int[1];
        final int queued = LoopTurn.MAX_COMMANDS_PER_TURN + 10;
        for (int i = 0; i < queued; i++)
        {
            turn.offer(() -> ran[0]++);
        }
        assertTrue(turn.queued());
        assertEquals(LoopTurn.MAX_COMMANDS_PER_TURN, turn.run());
        assertEquals(LoopTurn.MAX_COMMANDS_PER_TURN, ran[0]);
        assertTrue(turn.queued(), "the rest waits: the next turn must not block");
        assertEquals(10, turn.run());
        assertFalse(turn.queued());
        assertEquals(0, turn.run(), "nothing left: an idle turn");
    }

    @Test
    void aFailingCommandDoesNotStopTheOthers() throws IOException
    {
        final int[] ran = new int[1];
        turn.offer(() ->
        {
            throw new IllegalStateException("a bad command (expected in this test)");
        });
        turn.offer(() -> ran[0]++);
        assertEquals(2, turn.run());
        assertEquals(1, ran[0]);
    }

    @Test
    void aShutdownIsDoneWhenNothingIsLeftAndItsGraceEndsTheLoopsDeadlineOtherwise()
    {
        assertEquals(Long.MAX_VALUE, turn.nextDeadlineNs(), "no socket, no timer");
        assertFalse(turn.shutdownDone(), "no shutdown begun");
        turn.beginShutdown();
        assertEquals(T0 + config.shutdownGrace().toNanos(), turn.nextDeadlineNs());
        assertTrue(turn.shutdownDone(), "no socket has anything left to do");
    }

    @Test
    void commandsQueuedAfterTheLastTurnStillRunSoTheirCallersHearBack()
    {
        final int[] ran = new int[1];
        turn.offer(() ->
        {
            throw new IllegalStateException("the socket is closed (expected in this test)");
        });
        turn.offer(() -> ran[0]++);
        turn.closeSockets();
        turn.drainAfterStop();
        assertEquals(1, ran[0]);
        assertFalse(turn.queued());
    }
}
