# Installs pyselect4j when the jython command line starts with this folder on
# python.path (bin/pyselect4j-jython does that).
import sys

sys.path.append("__pyclasspath__/org/pyselect4j/jython/python")
import pyselect4j_jython

pyselect4j_jython.install()
pyselect4j_jython.keyboard_interrupt_on_sigint()
del pyselect4j_jython, sys
