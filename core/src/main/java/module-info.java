/**
 * rudp's sans-IO engine: segments and time in, segments and events out. No clock, thread, socket,
 * lock or unseeded randomness.
 *
 * <p>The API is the endpoint and its connections ({@code io.rudp.core.connection}), their
 * configuration ({@code config}) and ISN generator ({@code isn}), the segment a tracer sees
 * ({@code codec}), counters ({@code stats}), the memory budget ({@code buffer}) and the
 * congestion-control interface for controllers of your own ({@code congestion}). Timers and loss
 * recovery are internal.
 */
module io.rudp.core
{
    exports io.rudp.core.buffer;
    exports io.rudp.core.codec;
    exports io.rudp.core.config;
    exports io.rudp.core.congestion;
    exports io.rudp.core.connection;
    exports io.rudp.core.isn;
    exports io.rudp.core.stats;
    // The loop orders its sockets' deadlines as the engine does (Deadlines), and no one else may.
    exports io.rudp.core.timer to io.rudp.nio;
}
