# Installs pyselect4j when the jython command line starts with this folder on
# python.path (bin/pyselect4j-jython does that).
import sys

sys.path.append("__pyclasspath__/org/pyselect4j/jython/python")
import pyselect4j_jython

pyselect4j_jython.install()
del pyselect4j_jython, sys
