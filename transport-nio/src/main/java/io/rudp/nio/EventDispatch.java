package io.rudp.nio;

import io.rudp.core.connection.Connection;
import io.rudp.core.connection.Endpoint;
import io.rudp.core.connection.Event;
import io.rudp.nio.jfr.FlightRecorderHooks;

import java.util.Map;

/**
 * A socket's engine events, handed to whoever waits for them: an accepted connection to its
 * listener, an established or failed one to its connect future, bytes and ends to the connection's
 * application side, openings and closings to JFR. Loop thread only.
 */
final class EventDispatch
{
    private final RudpSocket socket;
    private final Endpoint endpoint;
    private final Map<Integer, RudpListener> listeners;
    private final PendingConnects pendingConnects;
    private final FlightRecorderHooks flightRecorder;
    private final int stagingBytes;

    EventDispatch(final RudpSocket socket, final Endpoint endpoint, final Map<Integer, RudpListener> listeners,
        final PendingConnects pendingConnects, final FlightRecorderHooks flightRecorder, final int stagingBytes)
    {
        this.socket = socket;
        this.endpoint = endpoint;
        this.listeners = listeners;
        this.pendingConnects = pendingConnects;
        this.flightRecorder = flightRecorder;
        this.stagingBytes = stagingBytes;
    }

    /** {@return how many events were handed out} */
    int dispatch()
    {
        int count = 0;
        Event event;
        while ((event = endpoint.pollEvent()) != null)
        {
            count++;
            final Connection engine = event.connection();
            RudpConnection connection = (RudpConnection)engine.attachment();
            switch (event.type())
            {
                case CONNECTED:
                    flightRecorder.opened(engine, connection == null);
                    if (connection == null)
                    {
                        connection = new RudpConnection(socket, engine, stagingBytes);
                        final RudpListener listener = listeners.get(engine.localPort());
                        if (listener == null)
                        {
                            engine.abort(); // the listener closed during the handshake
                            break;
                        }
                        listener.onAccepted(connection);
                    }
                    else
                    {
                        pendingConnects.complete(engine, connection, null);
                    }
                    connection.service();
                    break;
                case READABLE:
                    connection.pullInbound();
                    break;
                case WRITABLE:
                    connection.onWritable();
                    break;
                case PEER_CLOSED:
                    connection.onPeerClosed();
                    break;
                case PEER_ADDRESS_CHANGED:
                    if (connection != null)
                    {
                        connection.onPeerAddressChanged();
                    }
                    break;
                case CLOSED:
                case RESET:
                case TIMED_OUT:
                    flightRecorder.closed(engine);
                    if (connection != null)
                    {
                        pendingConnects.complete(engine, connection, engine.closeReason());
                        connection.onTerminated(engine.closeReason());
                    }
                    break;
                default:
                    break;
            }
        }
        return count;
    }
}
