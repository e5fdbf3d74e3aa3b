"""Fieldbook (扶贫小额信贷外业手簿): offline field records for poverty-alleviation microcredit."""

__version__ = "0.1.0"
APP_ID = "cn.gov.baqiao.fieldbook"
APP_NAME = "Fieldbook"
