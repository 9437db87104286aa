"""The application's look: a calm, light style sheet on top of the platform style."""
from __future__ import annotations

ACCENT = "#1f4e8c"

STYLE_SHEET = f"""
QMainWindow {{ background: #f4f6f9; }}
QToolBar#mainToolbar {{ qproperty-toolButtonStyle: ToolButtonTextBesideIcon; background: #ffffff; border-bottom: 1px solid #d5dbe3; spacing: 4px; padding: 3px 6px; }}
QToolBar#mainToolbar QToolButton {{ padding: 4px 8px; border-radius: 4px; }}
QToolBar#mainToolbar QToolButton:hover {{ background: #e7eef8; }}
QDockWidget {{ font-weight: 600; }}
QDockWidget::title {{ background: #e9edf3; padding: 5px 8px; border-bottom: 1px solid #d5dbe3; }}
QLabel#panelTitle {{ font-weight: 600; color: #1d2a3a; padding: 6px 8px; background: #e9edf3;
                     border-bottom: 1px solid #d5dbe3; }}
QPlainTextEdit, QTextBrowser, QTableView, QTreeView, QListView {{ background: #ffffff; border: 1px solid #d5dbe3;
    selection-background-color: #cfe0f6; selection-color: #111; }}
QTableView {{ alternate-background-color: #f7f9fc; gridline-color: #edf0f4; }}
QHeaderView::section {{ background: #eef1f5; border: none; border-right: 1px solid #dde2e9;
    border-bottom: 1px solid #d5dbe3; padding: 4px 6px; font-weight: 600; color: #2b3a4d; }}
QLineEdit, QComboBox, QSpinBox {{ padding: 3px 6px; border: 1px solid #c8d0da; border-radius: 4px; background: #fff; }}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus {{ border: 1px solid {ACCENT}; }}
QLabel#quote {{ font-size: 11pt; color: #1d1d1f; background: #fbfbf7; border-left: 3px solid #c2a84a;
                padding: 6px 8px; }}
QLabel#claimMeta {{ color: #4a5566; }}
QLabel#guidance {{ color: #5a6472; font-style: italic; padding: 4px 6px; background: #fafbfd;
                   border: 1px solid #e3e7ed; }}
QLabel#countLabel {{ color: #4a5566; padding: 0 6px; }}
QFrame#welcomeCard {{ background: #ffffff; border: 1px solid #d5dbe3; border-radius: 10px; }}
QLabel#welcomeTitle {{ font-size: 18pt; font-weight: 600; color: #1d2a3a; }}
QLabel#welcomeText {{ font-size: 11pt; color: #3a4656; }}
QPushButton {{ padding: 5px 12px; border: 1px solid #b9c3cf; border-radius: 4px; background: #fff; }}
QPushButton:default {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton:hover {{ background: #eef3fa; }}
QPushButton:default:hover {{ background: #2a5fa5; }}
QTabWidget::pane {{ border: none; }}
QStatusBar {{ background: #e9edf3; color: #2b3a4d; }}
"""
