"""Request plumbing shared by every blueprint: URL ids, response headers, links."""
