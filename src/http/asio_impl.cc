// The one translation unit that compiles Boost.Asio's non-template implementation. Every target
// that includes Asio links plexus_asio, which defines BOOST_ASIO_SEPARATE_COMPILATION for it;
// that saves about a second of compile time per Asio-using file.
#include <boost/asio/impl/src.hpp>
