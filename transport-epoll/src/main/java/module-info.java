/**
 * rudp on Linux's epoll through Netty: the same {@code RudpLoop} API as the NIO transport, with
 * batched datagram I/O. Start a loop with {@code EpollTransport.start}.
 */
module io.rudp.epoll
{
    requires transitive io.rudp.nio;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;

    exports io.rudp.epoll;
}
