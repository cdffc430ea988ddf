package io.rudp.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The default {@link LoopBackend}: a thread of the loop's own, one {@link Selector}, and
 * {@code DatagramChannel}s ({@link ChannelPort}). The thread runs a turn, then waits as the
 * {@link IdleMode} says ({@link LoopIdler}), until the loop stops. Portable, no native code.
 */
final class NioBackend implements LoopBackend
{
    /** Makes the default backend. */
    static final Factory FACTORY = NioBackend::new;

    private final LoopConfig config;
    private final Turns turns;
    private final Selector selector;
    private final LoopIdler idler;
    private final Thread thread;
    /**
     * Runs a ready key's callback (its socket has datagrams, or room to send). Stored once:
     * selecting with a consumer instead of the selected-key set allocates nothing per turn.
     */
    private final Consumer<SelectionKey> onReady = key -> ((Runnable)key.attachment()).run();

    private NioBackend(final LoopConfig config, final Turns turns) throws IOException
    {
        this.config = config;
        this.turns = turns;
        this.selector = Selector.open();
        this.idler = new LoopIdler(selector, onReady, config.idleMode(), turns::nowNs, turns::nextDeadlineNs,
            turns::queued);
        this.thread = new Thread(this::run, config.threadName());
        this.thread.setDaemon(true);
    }

    @Override
    public void start()
    {
        thread.start();
    }

    @Override
    public void join() throws InterruptedException
    {
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    @Override
    public boolean inLoop()
    {
        return Thread.currentThread() == thread;
    }

    @Override
    public void wakeup()
    {
        idler.wakeup();
    }

    @Override
    public DatagramPort open(final InetSocketAddress local, final InetSocketAddress peer, final boolean dontFragment)
        throws IOException
    {
        return ChannelPort.open(local, peer, config, dontFragment);
    }

    @Override
    public void register(final DatagramPort port, final Runnable onReadable) throws IOException
    {
        ((ChannelPort)port).register(selector, onReadable);
    }

    private void run()
    {
        try
        {
            while (turns.running())
            {
                idler.idle(turns.turn(), turns.running());
            }
        }
        catch (final Throwable t)
        {
            turns.died(t);
        }
        finally
        {
            try
            {
                turns.stopped();
            }
            finally
            {
                closeSelector();
            }
        }
    }

    private void closeSelector()
    {
        try
        {
            selector.close();
        }
        catch (final IOException e)
        {
            RudpLoop.LOG.log(System.Logger.Level.WARNING, "closing the selector", e);
        }
    }
}
