"""PyInstaller runtime hook (Linux x86-64): ``sqlite3`` is the SQLite inside sqlcipher3-binary.

The bundle carries one SQLite, of a version chosen by the lock file, instead of the build
machine's libsqlite3: plain journals open through SQLCipher without a key, which is plain
SQLite. sqlcipher3 is pysqlite3's API, and this aliasing is the drop-in use it documents.
"""

import sys

import sqlcipher3
import sqlcipher3.dbapi2

sys.modules["sqlite3"] = sqlcipher3
sys.modules["sqlite3.dbapi2"] = sqlcipher3.dbapi2
