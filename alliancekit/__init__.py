"""Alliance Kit: a Jupyter teaching kit on alliance politics, built around one op-ed and cited data.

Import the module you need (``from alliancekit import data``); importing the package itself loads
nothing heavy, so a notebook's first cell stays fast.
"""

__version__ = "0.1.0"

import sys as _sys

if "IPython" in _sys.modules:  # in a notebook: tables and figures shown accessibly (see alliancekit.accessible)
    from . import accessible as _accessible

    _accessible.install()
