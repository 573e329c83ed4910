// Boost.Asio's compiled SSL part (the engine over OpenSSL), the counterpart of asio_impl.cc for
// `boost/asio/ssl`. Kept apart so only plexus_http, not every Asio user, links OpenSSL.
#include <boost/asio/ssl/impl/src.hpp>
