/**
 * rudp over a non-blocking NIO selector loop: {@code RudpLoop}, {@code RudpSocket},
 * {@code RudpConnection}. The JFR event types are exported so that recordings can name them.
 */
@SuppressWarnings("requires-automatic") // Agrona names its module in its manifest only
module io.rudp.nio
{
    requires transitive io.rudp.core;
    requires transitive java.management;
    requires transitive jdk.jfr;
    requires jdk.net;
    requires org.agrona;
    requires org.jctools.core;

    exports io.rudp.nio;
    exports io.rudp.nio.jfr;
}
