#!/bin/sh
# /usr/bin/fieldbook: start the frozen build installed in /opt/fieldbook (installer/debian/build-deb.sh).
#
# Input methods: the bundled Qt cannot load the system's fcitx Qt plugin (it is built against the system's own
# Qt). fcitx5 also speaks the IBus protocol, for which the bundle carries Qt's plugin, so a session that asks
# for fcitx gets the IBus route instead of no Chinese input at all.
case "${QT_IM_MODULE:-}" in
  fcitx|fcitx5)
    if [ ! -e /opt/fieldbook/_internal/PySide6/Qt/plugins/platforminputcontexts/libfcitx5platforminputcontextplugin.so ]; then
      QT_IM_MODULE=ibus
      export QT_IM_MODULE
    fi
    ;;
esac
exec /opt/fieldbook/fieldbook "$@"
