"""Query guards: a page takes no more queries with ten times the data behind it (rows,
partnerships, updates), so it stays fast as a partnership and its history grow."""

# How much the guards grow the data by.
TENFOLD = 10


def assert_queries_do_not_grow(client, url, *, grow, ceiling, django_assert_max_num_queries, params=None):
    """Fetch `url` with the data as it is (at most `ceiling` queries), call `grow()` to make
    the data ten times as large, and fetch it again in no more queries than the first time.
    Each fetch follows a warm-up one, so renewing the session is counted in neither."""
    client.get(url, params)
    with django_assert_max_num_queries(ceiling) as small:
        assert client.get(url, params).status_code == 200
    # Read now: each request empties the connection's log the count is read from.
    queries = len(small.captured_queries)
    grow()
    client.get(url, params)
    with django_assert_max_num_queries(queries):
        response = client.get(url, params)
    assert response.status_code == 200
    return response
