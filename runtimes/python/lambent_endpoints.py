"""AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> for botocore releases that
predate them (before 1.31.57, e.g. Debian 12's python3-botocore 1.29), so that
an unchanged boto3.client('lambda') in a handler reaches the endpoint the
environment names, as it does with a current botocore.

Nothing is imported ahead: install() puts a finder first on sys.meta_path that
waits for botocore.session to be imported (boto3 imports it), lets it load
normally, then, only if that botocore is older than 1.31.57, wraps
Session.create_client. The finder leaves sys.meta_path at that point, so a
handler that never uses boto3 pays one string comparison per import.

The endpoint is chosen as botocore 1.31.57+ does for these variables (AWS's
"service-specific endpoints" precedence), config files aside:
  1. endpoint_url passed to the client;
  2. AWS_ENDPOINT_URL_<SERVICE>: the service's serviceId with spaces replaced
     by underscores, upper-cased (AWS_ENDPOINT_URL_LAMBDA,
     AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, AWS_ENDPOINT_URL_API_GATEWAY);
  3. AWS_ENDPOINT_URL;
and neither variable counts when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is
"true". The shared config file's `services` sections and `endpoint_url` keys
are not read (a Lambda environment has no config file).
"""

import functools
import os
import re
import sys

# The first botocore that reads the variables itself.
FIRST_NATIVE = (1, 31, 57)
_ENDPOINT_URL_POSITION = 5  # create_client(service_name, region_name, api_version, use_ssl, verify, endpoint_url, ...)


def _version(text):
    return tuple(int(x) for x in re.findall(r"\d+", text)[:3])


def configured_endpoint(service_id, environ=None):
    """The endpoint the variables give a service (its serviceId), or None."""
    env = os.environ if environ is None else environ
    if env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").strip().lower() == "true":
        return None
    specific = env.get("AWS_ENDPOINT_URL_" + service_id.replace(" ", "_").upper())
    if specific:
        return specific
    return env.get("AWS_ENDPOINT_URL") or None


def _any_configured():
    env = os.environ
    return "AWS_ENDPOINT_URL" in env or any(k.startswith("AWS_ENDPOINT_URL_") for k in env)


def patch_session_module(module):
    """Wraps module.Session.create_client when its botocore predates the variables. Returns whether it did."""
    botocore = sys.modules.get("botocore")
    if botocore is None or _version(getattr(botocore, "__version__", "0")) >= FIRST_NATIVE:
        return False
    session_class = getattr(module, "Session", None)
    if session_class is None:
        return False
    original = session_class.create_client
    if getattr(original, "_lambent_endpoints", False):
        return False

    @functools.wraps(original)
    def create_client(self, service_name, *args, **kwargs):
        given = args[_ENDPOINT_URL_POSITION - 1] if len(args) >= _ENDPOINT_URL_POSITION else kwargs.get("endpoint_url")
        if given is None and _any_configured():
            api_version = args[1] if len(args) >= 2 else kwargs.get("api_version")
            service_id = self.get_service_model(service_name, api_version).service_id
            url = configured_endpoint(str(service_id))
            if url:
                if len(args) >= _ENDPOINT_URL_POSITION:
                    args = args[: _ENDPOINT_URL_POSITION - 1] + (url,) + args[_ENDPOINT_URL_POSITION:]
                else:
                    kwargs["endpoint_url"] = url
        return original(self, service_name, *args, **kwargs)

    create_client._lambent_endpoints = True
    session_class.create_client = create_client
    return True


class _SessionFinder(object):
    """A meta path finder that only watches for botocore.session."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "botocore.session":
            return None
        uninstall()
        spec = None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if find is not None:
                spec = find(fullname, path, target)
                if spec is not None:
                    break
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_patch(module):
            # Once: the class's own exec_module again, should the loader serve other modules.
            try:
                del loader.exec_module
            except AttributeError:
                pass
            exec_module(module)
            patch_session_module(module)

        spec.loader.exec_module = exec_and_patch
        return spec


_finder = _SessionFinder()


def install():
    """Called by the bootstrap before the handler is imported."""
    if "botocore.session" in sys.modules:
        patch_session_module(sys.modules["botocore.session"])
    elif _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)


def uninstall():
    if _finder in sys.meta_path:
        sys.meta_path.remove(_finder)
